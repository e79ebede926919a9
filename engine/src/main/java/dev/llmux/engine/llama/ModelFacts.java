package dev.llmux.engine.llama;

import dev.llmux.engine.gguf.GgufFile;

/**
 * What the backend needs to know from a model file's metadata, read by llmux's GGUF validator
 * (which also guarantees the file is sound before llama.cpp opens it).
 */
record ModelFacts(ChatTemplate template, boolean addBos, int trainedContext, boolean synthetic) {

  /** The facts of a validated file. */
  static ModelFacts of(GgufFile gguf) {
    return new ModelFacts(ChatTemplate.detect(gguf.chatTemplate()), gguf.addBosToken(), (int) Math.min(Integer.MAX_VALUE,
        gguf.contextLength()), gguf.synthetic());
  }
}
