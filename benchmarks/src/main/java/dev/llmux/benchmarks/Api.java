package dev.llmux.benchmarks;

import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.llama.BindingBaseline;
import dev.llmux.engine.llama.LlamaBackend;

/**
 * The two ways a benchmark drives a loaded model, compared on the same loaded model: the raw
 * binding and llmux's Backend API. Both generate greedily with end-of-sequence ignored, so a
 * request produces exactly {@code maxTokens} tokens and tokens, not text pieces, are counted.
 */
public enum Api {
  /** The binding's {@code LlamaModel.generate}, through {@link BindingBaseline}: no llmux code on the path. */
  BINDING {
    @Override
    public int generate(LlamaBackend backend, String prompt, int maxTokens) {
      int results = BindingBaseline.generate(backend, prompt, maxTokens);
      // One streamed result per token, fewer when tokens join into one UTF-8 character (none when
      // the answer ends inside one: llama.cpp withholds the incomplete tail); with end-of-sequence
      // ignored llama.cpp stops only at n_predict, so the tokens are maxTokens.
      if (results < 0 || results > maxTokens) {
        throw new IllegalStateException("the binding streamed " + results + " results for " + maxTokens
            + " tokens on " + backend.name() + "; expected at most " + maxTokens);
      }
      return maxTokens;
    }
  },
  /** llmux's {@code Backend.chat} with a raw prompt: admission, stop strings, token counting, timings. */
  LLMUX {
    @Override
    public int generate(LlamaBackend backend, String prompt, int maxTokens) {
      ChatResponse r = backend.chat(request(prompt, maxTokens));
      if (r.stopReason() != StopReason.LENGTH || r.usage().completionTokens() != maxTokens) {
        throw new IllegalStateException("llmux answered " + r.usage().completionTokens() + " tokens ("
            + r.stopReason() + ") for " + maxTokens + " on " + backend.name() + "; expected exactly " + maxTokens);
      }
      return r.usage().completionTokens();
    }
  };

  /**
   * Produces exactly {@code maxTokens} tokens for {@code prompt} on {@code backend} and returns the
   * number of tokens produced.
   *
   * @throws IllegalStateException when the model did not produce what was asked (a broken measurement)
   */
  public abstract int generate(LlamaBackend backend, String prompt, int maxTokens);

  /** The llmux request the benchmarks send: a raw prompt, greedy, end-of-sequence ignored. */
  public static ChatRequest request(String prompt, int maxTokens) {
    return ChatRequest.builder().rawPrompt(prompt).temperature(0).maxTokens(maxTokens).ignoreEos(true).build();
  }
}
