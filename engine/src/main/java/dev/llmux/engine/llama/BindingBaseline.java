package dev.llmux.engine.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaOutput;

/**
 * Runs a request straight through the binding's {@code LlamaModel.generate}, on a model that a
 * {@link LlamaBackend} loaded, with none of llmux's request handling. Benchmarks use it to
 * measure llmux's overhead against the raw binding in one run, on the same loaded model; it is
 * not meant for applications.
 */
public final class BindingBaseline {

  private BindingBaseline() {}

  /**
   * Produces {@code maxTokens} tokens greedily for a raw prompt, end-of-sequence ignored, and
   * returns the number of streamed results (one per token unless tokens split a UTF-8 character).
   */
  public static int generate(LlamaBackend backend, String prompt, int maxTokens) {
    InferenceParameters p = new InferenceParameters(prompt).setNPredict(maxTokens).setTemperature(0)
        .setIgnoreEos(true).setCachePrompt(backend.spec().promptCache());
    int results = 0;
    LlamaIterator it = (LlamaIterator) backend.model().generate(p).iterator();
    while (it.hasNext()) {
      LlamaOutput out = it.next();
      if (it.hasNext() || !out.text.isEmpty()) {
        results++;
      }
    }
    return results;
  }
}
