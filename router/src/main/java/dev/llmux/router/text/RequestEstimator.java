package dev.llmux.router.text;

import dev.llmux.router.policy.RouteContext.Difficulty;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimates a request's difficulty from its text: the sentence encoder (opened lazily, once, on
 * the first estimate) and the difficulty head. Thread-safe.
 *
 * <p>Two ways to use it. {@link #estimate(String)} throws when the encoder cannot open (for the
 * {@code llmux router estimate} command, which must say why). {@link #tryEstimate(String)} is for
 * routing: when the encoder or the head cannot be used, it logs one warning naming the cause and
 * returns empty from then on, and the request is routed as {@code UNKNOWN}.
 */
public final class RequestEstimator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RequestEstimator.class);

  private final Supplier<TextEncoder> opener;
  private final Supplier<DifficultyHead> headLoader;
  private DifficultyHead head;
  private TextEncoder encoder;
  private RuntimeException failure;
  private boolean warned;
  private boolean closed;

  /** An estimator over an encoder made on first use by {@code opener}, and {@code head}. */
  public RequestEstimator(Supplier<TextEncoder> opener, DifficultyHead head) {
    this(Objects.requireNonNull(opener, "opener"), headSupplier(Objects.requireNonNull(head, "head")));
  }

  private static Supplier<DifficultyHead> headSupplier(DifficultyHead head) {
    return () -> head;
  }

  private RequestEstimator(Supplier<TextEncoder> opener, Supplier<DifficultyHead> headLoader) {
    this.opener = opener;
    this.headLoader = headLoader;
  }

  /**
   * The bundled head and the bundled encoder (1 thread, the head's token limit); nothing is read or
   * loaded until the first estimate.
   */
  public static RequestEstimator bundled() {
    Supplier<DifficultyHead> head = DifficultyHead::bundled;
    return new RequestEstimator(null, head);
  }

  private synchronized TextEncoder encoder() {
    if (closed) {
      throw new IllegalStateException("the request estimator is closed");
    }
    if (failure != null) {
      throw failure;
    }
    if (encoder == null) {
      try {
        if (head == null) {
          head = headLoader.get();
        }
        encoder = opener != null ? opener.get()
            : OnnxTextEncoder.open(OnnxTextEncoder.Options.defaults().withMaxTokens(head.maxTokens()));
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      } catch (LinkageError e) {
        // A class or native library of ONNX Runtime or the tokenizer is missing from this runtime.
        failure = new EncoderUnavailableException("the text encoder's libraries are not on this runtime's class or"
            + " module path (" + e + "); add onnxruntime, ai.djl.huggingface:tokenizers and the all-MiniLM-L6-v2"
            + " artifact", e);
        throw failure;
      }
    }
    return encoder;
  }

  /** The estimate for {@code text}; throws {@link TextFeatureException} or {@link EncoderUnavailableException}. */
  public DifficultyEstimate estimate(String text) {
    TextEncoder e = encoder();
    return head.estimate(e.embed(text), TextFacts.of(text));
  }

  /**
   * What the router reads from a text: the difficulty estimate and the reduced embedding (the
   * head's fixed random projection), both from one encoder call.
   *
   * @param estimate the difficulty estimate
   * @param vector the projected embedding, for contextual policies
   */
  public record Signal(DifficultyEstimate estimate, float[] vector) {}

  private Projection projection;

  /** The signal for {@code text}, or empty when text features are off here (warned once). */
  public Optional<Signal> trySignal(String text) {
    try {
      TextEncoder e = encoder();
      float[] embedding = e.embed(text);
      Projection p;
      synchronized (this) {
        if (projection == null) {
          projection = head.projection();
        }
        p = projection;
      }
      float[] vector = new float[p.dimensions()];
      p.project(embedding, vector);
      return Optional.of(new Signal(head.estimate(embedding, TextFacts.of(text)), vector));
    } catch (RuntimeException e) {
      warn(e);
      return Optional.empty();
    }
  }

  private synchronized void warn(RuntimeException e) {
    if (!warned) {
      warned = true;
      LOG.warn("text features are off, requests without a difficulty are routed as UNKNOWN: {}", e.getMessage());
    }
  }

  /** The embedding of {@code text} (opening the encoder if needed). */
  public float[] embed(String text) {
    return encoder().embed(text);
  }

  /**
   * The estimate, or empty when text features are off here; the first failure is logged once as
   * a warning naming its cause.
   */
  public Optional<DifficultyEstimate> tryEstimate(String text) {
    try {
      return Optional.of(estimate(text));
    } catch (RuntimeException e) {
      warn(e);
      return Optional.empty();
    }
  }

  /** The difficulty the router should use for {@code text}: the estimate's, or UNKNOWN. */
  public Difficulty routedDifficulty(String text) {
    return tryEstimate(text).map(DifficultyEstimate::routed).orElse(Difficulty.UNKNOWN);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (encoder != null) {
      encoder.close();
      encoder = null;
    }
  }
}
