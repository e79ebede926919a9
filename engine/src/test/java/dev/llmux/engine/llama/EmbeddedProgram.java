package dev.llmux.engine.llama;

import dev.llmux.engine.Backends;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.TokenStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A program that embeds llmux as a user would, run in a child JVM by {@link ExitGuardTest}: loads
 * a model, streams an answer, cancels a second one, then either closes everything and returns
 * ({@code clean}) or dies of an uncaught exception with the model still open ({@code throw}).
 */
final class EmbeddedProgram {

  private EmbeddedProgram() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[1]);
    LlamaBackend backend = LlamaBackend.load(LocalModelSpec.builder("tiny", model).threads(1).contextSize(512).build());
    try (TokenStream s = Backends.stream(backend, ChatRequest.builder().rawPrompt("Hello").maxTokens(8).build())) {
      s.forEachRemaining(piece -> { });
      System.out.println("streamed " + s.response().usage().completionTokens() + " tokens");
    }
    try (TokenStream s = Backends.stream(backend, ChatRequest.builder().rawPrompt("Hello").maxTokens(400).ignoreEos(true).build())) {
      s.next();
    } // closing early cancels
    System.out.println("non-daemon threads: " + nonDaemon());
    if (args[0].equals("throw")) {
      System.out.println("done, throwing");
      throw new IllegalStateException("deliberate failure with the model open");
    }
    backend.close();
    System.out.println("done, closed");
  }

  private static List<String> nonDaemon() {
    List<String> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!t.isDaemon() && t != Thread.currentThread()) {
        out.add(t.getName());
      }
    }
    return out;
  }
}
