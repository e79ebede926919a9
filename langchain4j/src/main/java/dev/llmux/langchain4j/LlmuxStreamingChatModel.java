package dev.llmux.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.llmux.engine.AnswerListener;
import dev.llmux.engine.Backend;
import dev.llmux.engine.Backends;
import dev.llmux.engine.ChatResponse;
import java.util.Set;

/**
 * A LangChain4j {@link StreamingChatModel} answered by an llmux {@link Backend}, made with {@code
 * LlmuxChatModel.builder()...buildStreaming()}. Each request runs on a daemon thread of its own
 * ({@link Backends#async}); text pieces go to {@code onPartialResponse} (a tool call is delivered
 * whole at the end), then {@code onCompleteResponse} or {@code onError}.
 */
public final class LlmuxStreamingChatModel implements StreamingChatModel {

  private final Backend backend;
  private final ChatRequestParameters defaults;

  LlmuxStreamingChatModel(Backend backend, ChatRequestParameters defaults) {
    this.backend = backend;
    this.defaults = defaults;
  }

  @Override
  public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
    LlmuxMapper.Mapped m;
    try {
      m = LlmuxMapper.toLlmux(request, defaults);
    } catch (RuntimeException e) {
      handler.onError(e);
      return;
    }
    Backends.async(backend, m.request(), new AnswerListener() {
      @Override
      public void onText(String piece) {
        if (!m.toolCall() && !piece.isEmpty()) {
          handler.onPartialResponse(piece);
        }
      }

      @Override
      public void onComplete(ChatResponse r) {
        handler.onCompleteResponse(LlmuxMapper.toLangChain4j(r, m.toolCall()));
      }

      @Override
      public void onError(Throwable failure) {
        handler.onError(failure);
      }
    });
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return defaults;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
  }
}
