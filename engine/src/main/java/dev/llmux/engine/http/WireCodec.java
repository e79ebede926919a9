package dev.llmux.engine.http;

import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Usage;
import java.util.function.Consumer;

/** Turns requests into one wire format's JSON and that format's streamed answers back into text. */
interface WireCodec {

  /** The request body for {@code request}, streaming. */
  String requestBody(ChatRequest request);

  /** A fresh decoder for one attempt's answer to {@code request}. */
  Decoder decoder(ChatRequest request);

  /** The codec for a spec's wire format. */
  static WireCodec forSpec(HttpBackendSpec spec, Redactor redactor) {
    return switch (spec.preset().wireFormat()) {
      case OPENAI_CHAT -> new OpenAiCodec(spec, redactor);
      case ANTHROPIC_MESSAGES -> new AnthropicCodec(spec, redactor);
    };
  }

  /** Reads one attempt's answer: SSE events, or a whole JSON body when the server did not stream. */
  interface Decoder {

    /** Handles one event, passing any text to {@code text}; throws when the event is an error or not understood. */
    void onEvent(SseParser.Event event, Consumer<String> text) throws AttemptFailure;

    /** Handles a whole non-streamed JSON body. */
    void onBody(String body, Consumer<String> text) throws AttemptFailure;

    /** Whether the answer's end was seen ({@code [DONE]}, a finish reason, {@code message_stop}). */
    boolean complete();

    /** Why the answer ended, as far as the provider said ({@link StopReason#END} when it did not). */
    StopReason stopReason();

    /** Token counts from the provider, or {@code null} when it sent none. */
    Usage usage();
  }
}
