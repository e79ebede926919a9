package dev.llmux.engine.llama;

import dev.llmux.engine.gguf.GgufFile;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the backend needs to know from a model file's metadata, read by llmux's GGUF validator
 * (which also guarantees the file is sound before llama.cpp opens it).
 */
record ModelFacts(ChatTemplate template, boolean addBos, int trainedContext, boolean synthetic) {

  private static final Logger LOG = LoggerFactory.getLogger(ModelFacts.class);
  /** Models already warned about a ChatML fallback, so each is named once per process. */
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  /**
   * The facts of a validated file; the chat template is the spec's when it names one, else the
   * file's family, else ChatML with a warning (once per model and file).
   */
  static ModelFacts of(GgufFile gguf, LocalModelSpec spec) {
    ChatTemplate.Resolved t = ChatTemplate.resolve(spec.name(), gguf.chatTemplate(), spec.chatTemplate());
    if (t.warning() != null && WARNED.add(spec.name() + "\0" + spec.path().toAbsolutePath().normalize())) {
      LOG.warn(t.warning());
    }
    return new ModelFacts(t.template(), gguf.addBosToken(), (int) Math.min(Integer.MAX_VALUE, gguf.contextLength()),
        gguf.synthetic());
  }
}
