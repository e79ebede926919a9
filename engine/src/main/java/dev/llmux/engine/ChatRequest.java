package dev.llmux.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a caller asks of a backend: a conversation (or a raw prompt), sampling settings and limits.
 * Immutable; made with {@link #builder()}.
 *
 * @param messages the conversation, rendered with the model's chat template; empty when
 *     {@code rawPrompt} is set
 * @param rawPrompt a prompt passed to the model as it is, with no template; {@code null} when
 *     {@code messages} is used
 * @param maxTokens the most tokens to produce (default 256)
 * @param temperature sampling temperature; 0 means greedy (default 0.8)
 * @param topP nucleus sampling threshold (default 0.95)
 * @param topK top-k sampling; 0 disables it (default 40)
 * @param seed the sampling seed; the same seed and request give the same answer on one backend
 *     (default 42)
 * @param stop strings that end the answer; they are not part of the text (default none)
 * @param jsonSchema a JSON Schema (as JSON text) the answer must satisfy, or {@code null}
 * @param timeout the longest the whole request may take, or {@code null} for no limit
 * @param ignoreEos keep producing past the end-of-sequence token until {@code maxTokens} (for
 *     benchmarks; default false)
 * @param cancellation the flag that stops the request early (default: a fresh one)
 */
public record ChatRequest(
    List<Message> messages,
    String rawPrompt,
    int maxTokens,
    double temperature,
    double topP,
    int topK,
    long seed,
    List<String> stop,
    String jsonSchema,
    Duration timeout,
    boolean ignoreEos,
    Cancellation cancellation) {

  /** Hard upper bound on {@code maxTokens}, to catch absurd values early. */
  public static final int MAX_TOKENS_LIMIT = 1 << 20;

  /** Validates the request; errors name the field and the allowed range. */
  public ChatRequest {
    messages = List.copyOf(messages);
    stop = List.copyOf(stop);
    Objects.requireNonNull(cancellation, "cancellation");
    if (rawPrompt == null && messages.isEmpty()) {
      throw new InvalidRequestException("the request has neither messages nor a prompt: give at least one message");
    }
    if (rawPrompt != null && !messages.isEmpty()) {
      throw new InvalidRequestException("the request has both messages and a raw prompt: give one of them");
    }
    if (rawPrompt != null && rawPrompt.isEmpty()) {
      throw new InvalidRequestException("the prompt is empty: give some text to complete");
    }
    if (maxTokens < 1 || maxTokens > MAX_TOKENS_LIMIT) {
      throw new InvalidRequestException("maxTokens is " + maxTokens + ": use a value from 1 to " + MAX_TOKENS_LIMIT);
    }
    if (!(temperature >= 0 && temperature <= 10)) {
      throw new InvalidRequestException("temperature is " + temperature + ": use a value from 0 to 10");
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new InvalidRequestException("topP is " + topP + ": use a value in (0, 1]");
    }
    if (topK < 0) {
      throw new InvalidRequestException("topK is " + topK + ": use 0 (off) or a positive value");
    }
    for (String s : stop) {
      if (s.isEmpty()) {
        throw new InvalidRequestException("a stop string is empty: remove it");
      }
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new InvalidRequestException("timeout is " + timeout + ": use a positive duration");
    }
  }

  /** A builder with the defaults documented on the record. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with this request's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.messages.addAll(messages);
    b.rawPrompt = rawPrompt;
    b.maxTokens = maxTokens;
    b.temperature = temperature;
    b.topP = topP;
    b.topK = topK;
    b.seed = seed;
    b.stop.addAll(stop);
    b.jsonSchema = jsonSchema;
    b.timeout = timeout;
    b.ignoreEos = ignoreEos;
    b.cancellation = cancellation;
    return b;
  }

  /** Builds a {@link ChatRequest}; every setter returns the builder. */
  public static final class Builder {
    private final List<Message> messages = new ArrayList<>();
    private String rawPrompt;
    private int maxTokens = 256;
    private double temperature = 0.8;
    private double topP = 0.95;
    private int topK = 40;
    private long seed = 42;
    private final List<String> stop = new ArrayList<>();
    private String jsonSchema;
    private Duration timeout;
    private boolean ignoreEos;
    private Cancellation cancellation;

    private Builder() {}

    /** Appends a message. */
    public Builder message(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Replaces the conversation. */
    public Builder messages(List<Message> conversation) {
      messages.clear();
      messages.addAll(conversation);
      return this;
    }

    /** Appends a system message. */
    public Builder system(String content) {
      return message(Message.system(content));
    }

    /** Appends a user message. */
    public Builder user(String content) {
      return message(Message.user(content));
    }

    /** Sets a raw prompt, passed with no chat template. */
    public Builder rawPrompt(String prompt) {
      this.rawPrompt = prompt;
      return this;
    }

    /** Sets the token limit. */
    public Builder maxTokens(int n) {
      this.maxTokens = n;
      return this;
    }

    /** Sets the temperature; 0 is greedy. */
    public Builder temperature(double t) {
      this.temperature = t;
      return this;
    }

    /** Sets nucleus sampling. */
    public Builder topP(double p) {
      this.topP = p;
      return this;
    }

    /** Sets top-k sampling; 0 disables it. */
    public Builder topK(int k) {
      this.topK = k;
      return this;
    }

    /** Sets the seed. */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** Adds stop strings. */
    public Builder stop(String... strings) {
      stop.addAll(List.of(strings));
      return this;
    }

    /** Requires the answer to satisfy this JSON Schema (JSON text). */
    public Builder jsonSchema(String schema) {
      this.jsonSchema = schema;
      return this;
    }

    /** Limits the whole request's time. */
    public Builder timeout(Duration d) {
      this.timeout = d;
      return this;
    }

    /** Keeps producing past end-of-sequence until the token limit (benchmarks). */
    public Builder ignoreEos(boolean ignore) {
      this.ignoreEos = ignore;
      return this;
    }

    /** Uses this cancellation flag. */
    public Builder cancellation(Cancellation c) {
      this.cancellation = c;
      return this;
    }

    /** Validates and builds the request. */
    public ChatRequest build() {
      return new ChatRequest(
          messages, rawPrompt, maxTokens, temperature, topP, topK, seed, stop, jsonSchema, timeout,
          ignoreEos, cancellation == null ? new Cancellation() : cancellation);
    }
  }
}
