package dev.llmux.serve;

/**
 * An error answered in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}},
 * with its HTTP status.
 */
final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final int status;
  final String type;
  final String code;
  final String param;

  ApiError(int status, String type, String code, String param, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  /** A 400 for a request llmux cannot take as it is. */
  static ApiError invalid(String param, String message) {
    return new ApiError(400, "invalid_request_error", "invalid_request", param, message);
  }
}
