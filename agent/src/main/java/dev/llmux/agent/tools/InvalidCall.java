package dev.llmux.agent.tools;

/**
 * Why an answer is not a valid tool call, with the corrective message sent back to the model.
 *
 * @param kind the kind of mistake
 * @param message what was wrong and what to send instead, addressed to the model
 */
public record InvalidCall(Kind kind, String message) {

  /** Kinds of invalid answers. */
  public enum Kind {
    /** Nothing but whitespace. */
    EMPTY,
    /** The answer is not JSON. */
    NOT_JSON,
    /** The JSON is not an object (an array, a string, ...). */
    NOT_AN_OBJECT,
    /** The object lacks "tool" or "args", or has other keys, or they have the wrong types. */
    BAD_SHAPE,
    /** No tool has this name. */
    UNKNOWN_TOOL,
    /** A required argument is missing. */
    MISSING_ARGUMENT,
    /** An argument the tool does not take. */
    EXTRA_ARGUMENT,
    /** An argument of the wrong JSON type. */
    WRONG_TYPE,
    /** More than one JSON object. */
    TWO_CALLS,
    /** Text after the JSON object. */
    TRAILING_TEXT,
    /** The answer was cut off by the token limit; never executed. */
    CUT_OFF
  }
}
