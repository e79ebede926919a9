package dev.llmux.langchain4j;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.llmux.engine.Backend;
import java.util.Objects;
import java.util.Set;

/**
 * A LangChain4j {@link ChatModel} answered by an llmux {@link Backend}: a local model, an HTTP
 * provider, a role's fallback chain or a routed set. Made with {@link #builder()}; JSON-schema
 * response formats are enforced by the backend (a grammar for local models), tool specifications
 * become one JSON tool call (see {@link LlmuxMapper}).
 */
public final class LlmuxChatModel implements ChatModel {

  private final Backend backend;
  private final ChatRequestParameters defaults;

  private LlmuxChatModel(Builder b) {
    this.backend = Objects.requireNonNull(b.backend, "backend");
    this.defaults = b.defaults();
  }

  /** A builder; its setters document the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    LlmuxMapper.Mapped m = LlmuxMapper.toLlmux(request, defaults);
    return LlmuxMapper.toLangChain4j(backend.chat(m.request()), m.toolCall());
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return defaults;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
  }

  /** Builds an {@link LlmuxChatModel} or an {@link LlmuxStreamingChatModel}. */
  public static final class Builder {
    Backend backend;
    Double temperature;
    Double topP;
    Integer topK;
    Integer maxTokens;

    Builder() {}

    /** The backend that answers (required). */
    public Builder backend(Backend b) {
      this.backend = b;
      return this;
    }

    /** Sampling temperature (default: llmux's, 0.8). */
    public Builder temperature(Double t) {
      this.temperature = t;
      return this;
    }

    /** Nucleus sampling threshold (default: llmux's, 0.95). */
    public Builder topP(Double p) {
      this.topP = p;
      return this;
    }

    /** Top-k sampling (default: llmux's, 40). */
    public Builder topK(Integer k) {
      this.topK = k;
      return this;
    }

    /** The most tokens an answer may have (default: llmux's, 256). */
    public Builder maxTokens(Integer n) {
      this.maxTokens = n;
      return this;
    }

    ChatRequestParameters defaults() {
      return ChatRequestParameters.builder().modelName(backend == null ? null : backend.name()).temperature(temperature)
          .topP(topP).topK(topK).maxOutputTokens(maxTokens).build();
    }

    /** The blocking model. */
    public LlmuxChatModel build() {
      return new LlmuxChatModel(this);
    }

    /** The streaming model over the same backend and defaults. */
    public LlmuxStreamingChatModel buildStreaming() {
      return new LlmuxStreamingChatModel(Objects.requireNonNull(backend, "backend"), defaults());
    }
  }
}
