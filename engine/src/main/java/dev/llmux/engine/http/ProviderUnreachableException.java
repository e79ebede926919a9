package dev.llmux.engine.http;

/**
 * An HTTP backend's server could not be reached: the connection was refused, timed out, or was
 * reset before an answer began, on every attempt. Its {@link #kind()} is always
 * {@link HttpBackendException.Kind#CONNECTION}; the provider is unavailable rather than failing.
 */
public final class ProviderUnreachableException extends HttpBackendException {

  ProviderUnreachableException(String backend, int attempts, String message, boolean retryable, Throwable cause) {
    super(backend, Kind.CONNECTION, 0, attempts, message, retryable, cause);
  }
}
