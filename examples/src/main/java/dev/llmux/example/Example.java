package dev.llmux.example;

import dev.llmux.engine.AnswerListener;
import dev.llmux.engine.Backend;
import dev.llmux.engine.Backends;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.TokenStream;
import dev.llmux.router.Llmux;
import dev.llmux.router.RoutedBackend;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a model, streams an answer, routes one, answers one asynchronously, closes, and exits by itself. */
public final class Example {

  private Example() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args.length > 0 ? args[0] : "model.gguf");
    if (!Files.isRegularFile(model)) {
      System.err.println("example: no model file " + model + "; pass a GGUF file (llmux models synth makes one)");
      System.exit(2);
    }
    try (Llmux llmux = Llmux.open(model)) {
      String name = llmux.models().get(0);
      Backend backend = llmux.backend(name);
      ChatRequest hello = ChatRequest.builder().user("Hello").maxTokens(16).temperature(0).build();

      try (TokenStream stream = Backends.stream(backend, hello)) {   // stream: pieces as they come
        stream.forEachRemaining(System.out::print);
        System.out.println();
        System.out.println("streamed: " + stream.response().usage().completionTokens() + " tokens");
      }

      RoutedBackend routed = llmux.routed(name, "bandit.Ucb1");    // route: the router picks the model
      RoutedBackend.Routed r = routed.chatRouted(hello, piece -> { });
      System.out.println("routed to " + r.decision().backend() + ": " + r.response().stopReason());

      ChatResponse async = Backends.async(backend, hello, new AnswerListener() { // async: future + callbacks
        @Override
        public void onComplete(ChatResponse done) {
          System.out.println("async: " + done.usage().completionTokens() + " tokens");
        }
      }).get();
      System.out.println("done: " + async.stopReason());
    } // close; main returns and the JVM exits by itself
  }
}
