package dev.llmux.engine.llama;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.CacheType;
import de.kherud.llama.args.LogFormat;
import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Timings;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Usage;
import dev.llmux.engine.gguf.GgufFile;
import dev.llmux.nativelib.LoadedLibrary;
import dev.llmux.nativelib.NativeLibraries;
import dev.llmux.nativelib.NativeLog;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local GGUF model served in-process by llama.cpp through de.kherud:llama 4.2.0.
 *
 * <p>One instance holds one loaded model and serves many threads through llama.cpp's parallel
 * slots. It absorbs the binding's traps:
 *
 * <ul>
 *   <li>The model file is validated by llmux's own GGUF reader before llama.cpp sees it, and only
 *       validated typed options become llama.cpp flags (an invalid flag would leave a null native
 *       context that crashes a later call).
 *   <li>Admission is limited to the number of parallel slots in Java, so a request never waits
 *       inside native code where it could not be cancelled.
 *   <li>Cancellation is observed by the thread that reads the stream, which then cancels the native
 *       task itself (a thread blocked in the binding's receive never wakes when another thread
 *       cancels its task); every path out of a stream cancels the task unless it ended by itself.
 *   <li>The load-time warm-up decode is skipped (it runs on the loading thread and leaves a second
 *       idle OpenMP team behind, halving decode speed); a warm-up request runs on llama.cpp's own
 *       serving thread instead.
 *   <li>llama.cpp's log handler, which the binding re-installs at each load, is replaced by llmux's
 *       SLF4J sink after each load; the binding's direct stderr lines are silenced unless native
 *       logging is verbose.
 *   <li>Chat templates and stop strings are handled in Java; completion tokens are counted per
 *       streamed result, not per text piece.
 *   <li>A long prompt is fed in chunks of {@link LocalModelSpec#promptChunk()} tokens, each a
 *       request of its own that fills the slot's prompt cache, so cancellation and deadlines act
 *       between chunks: the reading thread is blocked in the binding's receive until the first
 *       token, and a task cancelled by another thread never wakes it. Each request is pinned to a
 *       slot of its own ({@code id_slot}) so the chunks land in one cache.
 *   <li>The binding's serving thread is a non-daemon thread that never detaches; {@link ExitGuard}
 *       lets a program whose {@code main} has ended exit anyway.
 * </ul>
 *
 * <p>Limit of the binding: {@link #close()} stops the model's serving thread but the binding never
 * frees the native model, so its memory stays allocated until the JVM exits.
 */
public final class LlamaBackend implements Backend {

  private static final Logger LOG = LoggerFactory.getLogger(LlamaBackend.class);
  private static final Object LOAD_LOCK = new Object();
  private static final long POLL_MILLIS = 20;

  private final LocalModelSpec spec;
  private final ModelFacts facts;
  private final int contextSize;
  private final LlamaModel model;
  private final Semaphore slots;
  private final ConcurrentLinkedQueue<Integer> freeSlots = new ConcurrentLinkedQueue<>();
  /** Per slot: the prompt tokens known to be in its cache (the last prompt it was given, or a prefix of it). */
  private final int[][] cachedPrompt;
  private final LiveStats stats = new LiveStats();
  private final Map<String, String> grammars = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closed;
  private volatile int spacePrefix = -1;
  /** Told the prompt tokens cached after each prefill chunk (tests observe chunking through it). */
  volatile java.util.function.IntConsumer afterChunk = n -> { };

  private LlamaBackend(LocalModelSpec spec, ModelFacts facts, int contextSize, LlamaModel model) {
    this.spec = spec;
    this.facts = facts;
    this.contextSize = contextSize;
    this.model = model;
    this.slots = new Semaphore(spec.parallel(), true);
    this.cachedPrompt = new int[spec.parallel()][];
    for (int i = 0; i < spec.parallel(); i++) {
      freeSlots.add(i);
      cachedPrompt[i] = new int[0];
    }
  }

  /**
   * Validates the model file and loads it.
   *
   * @throws dev.llmux.engine.gguf.ModelFormatException when the file is not a valid GGUF model
   * @throws ConfigException when the spec does not fit the model (context too large, ...)
   * @throws BackendUnavailableException when llama.cpp cannot load it
   */
  public static LlamaBackend load(LocalModelSpec spec) {
    return load(spec, GgufFile.read(spec.path()));
  }

  /**
   * Loads a model whose file was already read and validated (by the catalog's memory check, say).
   *
   * @throws IllegalArgumentException when {@code gguf} is not the file {@code spec} names
   */
  public static LlamaBackend load(LocalModelSpec spec, GgufFile gguf) {
    if (!gguf.path().toAbsolutePath().normalize().equals(spec.path().toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("the GGUF file " + gguf.path() + " is not the spec's " + spec.path());
    }
    ModelFacts facts = ModelFacts.of(gguf, spec);
    int ctx = spec.contextSize();
    if (ctx == 0) {
      ctx = facts.trainedContext() > 0 ? Math.min(4096, facts.trainedContext()) : 4096;
      ctx = Math.max(ctx, 16 * spec.parallel());
    } else if (facts.trainedContext() > 0 && ctx > facts.trainedContext()) {
      throw new ConfigException("model '" + spec.name() + "': contextSize " + ctx + " exceeds the context the model was"
          + " trained with (" + facts.trainedContext() + " tokens, from " + spec.path() + "); use at most "
          + facts.trainedContext());
    }
    LoadedLibrary library = NativeLibraries.load();
    ModelParameters params = new ModelParameters()
        .setModel(spec.path().toAbsolutePath().toString())
        .setCtxSize(ctx)
        .setThreads(spec.threads())
        .setThreadsBatch(spec.batchThreads())
        .setParallel(spec.parallel())
        .setCacheTypeK(cacheType(spec.kvCacheType()))
        .setCacheTypeV(cacheType(spec.kvCacheType()))
        .skipWarmup();
    if (spec.flashAttention()) {
      params.enableFlashAttn();
    }
    if (spec.gpuLayers() > 0) {
      if (library.gpuOffload()) {
        params.setGpuLayers(spec.gpuLayers());
      } else {
        LOG.warn("model '{}': gpuLayers {} ignored: the loaded native library {} is a CPU-only build (see 'llmux doctor')",
            spec.name(), spec.gpuLayers(), library.path());
      }
    }
    if (!NativeLog.instance().verbose()) {
      params.disableLog();
    }
    long t0 = System.nanoTime();
    LlamaModel model;
    Set<Thread> threadsBefore;
    synchronized (LOAD_LOCK) {
      threadsBefore = ExitGuard.nonDaemonThreads();
      installLogger();
      try {
        model = new LlamaModel(params);
      } catch (RuntimeException e) {
        if (!isBindingError(e)) {
          throw e;
        }
        throw new BackendUnavailableException(spec.name(), "llama.cpp could not load " + spec.path() + ": "
            + e.getMessage() + ". Check that the file is a model llama.cpp b4916 supports and that memory suffices", e);
      } finally {
        installLogger();
        NativeLog.instance().flush();
      }
    }
    if (nativeContext(model) == 0) {
      throw new BackendUnavailableException(spec.name(), "llama.cpp rejected the load options for " + spec.path()
          + " without loading it; this is a bug in llmux, please report it with the model spec", null);
    }
    LlamaBackend backend = new LlamaBackend(spec, facts, ctx, model);
    LOG.info("loaded model '{}' from {} in {} ms (ctx {}, threads {}, parallel {}, gpu layers {})", spec.name(),
        spec.path(), (System.nanoTime() - t0) / 1_000_000, ctx, spec.threads(), spec.parallel(), spec.gpuLayers());
    if (spec.warmup()) {
      backend.warmup();
    }
    ExitGuard.afterLoad(threadsBefore);
    return backend;
  }

  /** Whether {@code e} is the binding's own (package-private) exception type. */
  private static boolean isBindingError(RuntimeException e) {
    return e.getClass().getName().equals("de.kherud.llama.LlamaException");
  }

  private static void installLogger() {
    LlamaModel.setLogger(LogFormat.TEXT, (level, text) -> NativeLog.instance().accept(level.name(), text));
  }

  private static long nativeContext(LlamaModel model) {
    try {
      Field f = LlamaModel.class.getDeclaredField("ctx");
      f.setAccessible(true);
      return f.getLong(model);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return -1; // Unknown binding layout: cannot check, assume loaded.
    }
  }

  private static CacheType cacheType(KvCacheType t) {
    return switch (t) {
      case F16 -> CacheType.F16;
      case Q8_0 -> CacheType.Q8_0;
      case Q4_0 -> CacheType.Q4_0;
    };
  }

  private void warmup() {
    long t0 = System.nanoTime();
    for (int i = 0; i < spec.parallel(); i++) {
      chat(ChatRequest.builder().rawPrompt("Hello").maxTokens(2).temperature(0).build(), TokenListener.NONE);
    }
    LOG.debug("warm-up of '{}' took {} ms", spec.name(), (System.nanoTime() - t0) / 1_000_000);
  }

  @Override
  public String name() {
    return spec.name();
  }

  /** The binding's model, for {@link BindingBaseline} only. */
  LlamaModel model() {
    ensureOpen();
    return model;
  }

  /** The spec this model was loaded with. */
  public LocalModelSpec spec() {
    return spec;
  }

  /** The total context in tokens this model was loaded with (shared by its slots). */
  public int contextSize() {
    return contextSize;
  }

  /** Whether the model file is a synthetic model made by llmux (random weights: real speed, noise text). */
  public boolean synthetic() {
    return facts.synthetic();
  }

  /** The chat template family used for conversations. */
  public ChatTemplate chatTemplate() {
    return facts.template();
  }

  /** Tokenizes text the way a prompt is tokenized (special tokens parsed; BOS not included). */
  public int[] tokenize(String text) {
    ensureOpen();
    return model.encode(text);
  }

  /** Turns tokens back into text. */
  public String detokenize(int[] tokens) {
    ensureOpen();
    return model.decode(tokens);
  }

  /** The prompt's token count as the model will see it (the BOS token included when the model adds one). */
  public int countPromptTokens(String prompt) {
    return tokenize(prompt).length + (facts.addBos() ? 1 : 0);
  }

  /** The text the model reads for this request: the raw prompt, or the conversation in the chat template. */
  public String promptFor(ChatRequest request) {
    return request.rawPrompt() != null ? request.rawPrompt() : facts.template().render(request.messages());
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener listener) {
    long start = System.nanoTime();
    long deadline = request.timeout() == null ? Long.MAX_VALUE : start + request.timeout().toNanos();
    ensureOpen();
    String grammar = request.jsonSchema() == null ? null : grammars.computeIfAbsent(request.jsonSchema(), LlamaBackend::grammar);
    String prompt = promptFor(request);
    int[] promptIds = tokenize(prompt);
    int promptTokens = promptIds.length + (facts.addBos() ? 1 : 0);
    int slotContext = contextSize / spec.parallel();
    if (promptTokens >= slotContext) {
      throw new InvalidRequestException("the prompt has " + promptTokens + " tokens, but model '" + spec.name()
          + "' has " + slotContext + " tokens of context per slot (contextSize " + contextSize + " / parallel "
          + spec.parallel() + "); shorten the prompt or load the model with a larger contextSize");
    }

    stats.started();
    inFlight.incrementAndGet();
    Integer slot = null;
    try {
      StopReason early = acquire(request, deadline);
      if (early == null) {
        slot = freeSlots.remove(); // a permit guarantees a free slot id
        early = prefill(slot, promptIds, request, deadline);
      }
      if (early != null) {
        Timings t = Timings.of(start, 0, System.nanoTime(), 0);
        stats.succeeded(t);
        return ChatResponse.of("", early, new Usage(promptTokens, 0), t, spec.name());
      }
      ChatResponse r = stream(request, listener, prompt, promptTokens, grammar, start, deadline, slot);
      cachedPrompt[slot] = promptIds;
      stats.succeeded(r.timings());
      return r;
    } catch (RuntimeException e) {
      if (slot != null) {
        cachedPrompt[slot] = new int[0];
      }
      stats.failed();
      throw e;
    } finally {
      if (slot != null) {
        freeSlots.add(slot);
        slots.release();
      }
      inFlight.decrementAndGet();
    }
  }

  /**
   * Feeds all but the last {@link LocalModelSpec#promptChunk()} tokens of the prompt into the slot's
   * cache, one chunk per request, checking cancellation and the deadline between chunks; returns a
   * stop reason when the request ended during the prompt. The final request then finds the prefix
   * cached and processes at most one chunk before its first token.
   */
  private StopReason prefill(int slot, int[] ids, ChatRequest request, long deadline) {
    int chunk = spec.promptChunk();
    if (chunk == 0 || !spec.promptCache()) {
      return null;
    }
    int done = commonPrefix(cachedPrompt[slot], ids);
    cachedPrompt[slot] = Arrays.copyOf(ids, done);
    while (ids.length - done > chunk) {
      StopReason stop = interrupted(request, deadline);
      if (stop != null) {
        return stop;
      }
      int upto = done + chunk;
      StringBuilder tokens = new StringBuilder(upto * 7).append("[\"\"");
      for (int i = 0; i < upto; i++) {
        tokens.append(',').append(ids[i]);
      }
      InferenceParameters p = new InferenceParameters("").setNPredict(1).setCachePrompt(true).setTemperature(0);
      rawParameter(p, "prompt", tokens.append(']').toString()); // "" first: llama.cpp adds BOS as for a text prompt
      rawParameter(p, "id_slot", Integer.toString(slot));
      try {
        model.complete(p);
      } catch (RuntimeException e) {
        if (!isBindingError(e)) {
          throw e;
        }
        throw new BackendException(spec.name(), "llama.cpp failed while reading the prompt: " + e.getMessage(), true, e);
      }
      done = upto;
      cachedPrompt[slot] = Arrays.copyOf(ids, done);
      afterChunk.accept(done);
    }
    return interrupted(request, deadline);
  }

  private StopReason interrupted(ChatRequest request, long deadline) {
    if (request.cancellation().isCancelled() || closed || Thread.currentThread().isInterrupted()) {
      return StopReason.CANCELLED;
    }
    return System.nanoTime() >= deadline ? StopReason.DEADLINE : null;
  }

  private static int commonPrefix(int[] a, int[] b) {
    int n = Math.min(a.length, b.length);
    int i = 0;
    while (i < n && a[i] == b[i]) {
      i++;
    }
    return i;
  }

  /**
   * Sets a parameter the binding's typed setters do not offer (a token-list prompt, a slot id):
   * {@code InferenceParameters} keeps its JSON fields in a package-private map.
   */
  private static void rawParameter(InferenceParameters p, String key, String json) {
    try {
      Field f = p.getClass().getSuperclass().getDeclaredField("parameters");
      f.setAccessible(true);
      @SuppressWarnings("unchecked")
      Map<String, String> map = (Map<String, String>) f.get(p);
      map.put(key, json);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("the binding's InferenceParameters changed shape: " + e, e);
    }
  }

  /** Waits for a free slot; returns a stop reason when the request ended before getting one. */
  private StopReason acquire(ChatRequest request, long deadline) {
    while (true) {
      if (request.cancellation().isCancelled() || closed) {
        return StopReason.CANCELLED;
      }
      if (System.nanoTime() >= deadline) {
        return StopReason.DEADLINE;
      }
      try {
        if (slots.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
          return null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return StopReason.CANCELLED;
      }
    }
  }

  private ChatResponse stream(ChatRequest request, TokenListener listener, String prompt, int promptTokens,
      String grammar, long start, long deadline, int slot) {
    InferenceParameters p = new InferenceParameters(prompt)
        .setNPredict(request.maxTokens())
        .setTemperature((float) request.temperature())
        .setTopP((float) request.topP())
        .setTopK(request.topK())
        .setSeed((int) request.seed())
        .setIgnoreEos(request.ignoreEos())
        .setCachePrompt(spec.promptCache());
    if (grammar != null) {
      p.setGrammar(grammar);
    }
    rawParameter(p, "id_slot", Integer.toString(slot));
    StopMatcher stops = new StopMatcher(request.stop());
    StringBuilder text = new StringBuilder();
    int tokens = 0;
    long first = 0;
    StopReason reason = null;
    boolean finished = false;
    boolean lastPieceEmpty = false;
    LlamaIterator it;
    try {
      it = (LlamaIterator) model.generate(p).iterator();
    } catch (RuntimeException e) {
      if (!isBindingError(e)) {
        throw e;
      }
      throw new BackendException(spec.name(), "llama.cpp refused the request: " + e.getMessage(), false, e);
    }
    try {
      while (it.hasNext()) {
        LlamaOutput out;
        try {
          out = it.next();
        } catch (RuntimeException e) {
          if (!isBindingError(e)) {
            throw e;
          }
          throw new BackendException(spec.name(), "llama.cpp failed during generation: " + e.getMessage(), true, e);
        }
        if (!it.hasNext()) {
          finished = true; // The final result: the task ended by itself and was released.
        }
        String piece = out.text;
        if (!finished) {
          tokens += countTokens(piece);
          lastPieceEmpty = piece.isEmpty();
          if (first == 0) {
            first = System.nanoTime();
          }
        }
        String emit = stops.feed(piece);
        if (!emit.isEmpty()) {
          text.append(emit);
          listener.onText(emit);
        }
        if (stops.stopped()) {
          reason = StopReason.STOP_STRING;
          break;
        }
        if (finished) {
          break;
        }
        if (request.cancellation().isCancelled() || closed) {
          reason = StopReason.CANCELLED;
          break;
        }
        if (Thread.currentThread().isInterrupted()) {
          reason = StopReason.CANCELLED;
          break;
        }
        if (System.nanoTime() >= deadline) {
          reason = StopReason.DEADLINE;
          break;
        }
      }
    } finally {
      if (!finished) {
        it.cancel();
      }
    }
    if (reason == null) {
      String rest = stops.drain();
      if (!rest.isEmpty()) {
        text.append(rest);
        listener.onText(rest);
      }
      // The end-of-sequence token arrives as an empty piece before the final result. Without it
      // the stream ended at the token limit: a last token that left an incomplete UTF-8 character
      // is withheld by llama.cpp and never arrives, so the count of arrived tokens can be short.
      // (A model that ends right after an incomplete character is counted as cut at the limit too:
      // the binding does not say which; real models practically never do.)
      if (request.ignoreEos() || tokens >= request.maxTokens() || !lastPieceEmpty) {
        reason = StopReason.LENGTH;
        tokens = request.maxTokens();
      } else {
        reason = StopReason.END;
      }
    }
    tokens = Math.min(tokens, request.maxTokens());
    long end = System.nanoTime();
    return ChatResponse.of(text.toString(), reason, new Usage(promptTokens, tokens), Timings.of(start, first, end, tokens),
        spec.name());
  }

  /**
   * Tokens in one streamed piece. llama.cpp streams one result per token, except that a token
   * leaving an incomplete UTF-8 character at the end of the text is withheld and joined to the
   * next piece (see {@code process_token} in the binding's server). A piece is therefore one token
   * plus the withheld ones before it: a piece starting with a character the vocabulary spells in
   * byte tokens counts those bytes; a piece starting with a malformed sequence (decoded as
   * U+FFFD) and holding more text counts its lead byte as one more token (a lower bound: the
   * bytes behind one U+FFFD are not known). Re-encoding the piece would not do: the tokenizer
   * adds a space prefix, and U+FFFD re-encodes as three bytes that were never generated.
   */
  private int countTokens(String piece) {
    if (piece.isEmpty() || piece.charAt(0) < 0x80) {
      return 1;
    }
    int first = piece.codePointAt(0);
    int rest = piece.length() - Character.charCount(first);
    if (first == 0xFFFD) {
      return rest > 0 ? 2 : 1;
    }
    String c = new String(Character.toChars(first));
    int bytes = c.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    int spelled = model.encode(c).length - spacePrefixTokens();
    return Math.max(1, Math.min(bytes, spelled));
  }

  /** How many tokens the tokenizer puts before any text (its space prefix), measured once. */
  private int spacePrefixTokens() {
    int p = spacePrefix;
    if (p < 0) {
      p = Math.max(0, model.encode("a").length - 1);
      spacePrefix = p;
    }
    return p;
  }

  private static String grammar(String schema) {
    String canonical = SchemaCheck.check(schema);
    return LlamaModel.jsonSchemaToGrammar(canonical);
  }

  @Override
  public BackendStats stats() {
    return stats.snapshot(closed ? BackendStats.Availability.UNAVAILABLE : BackendStats.Availability.AVAILABLE);
  }

  private void ensureOpen() {
    if (closed) {
      throw new BackendUnavailableException(spec.name(), "the model was closed", null);
    }
  }

  /**
   * Stops new requests, ends the running ones (they return {@link StopReason#CANCELLED}), then stops
   * the model's serving thread. The native memory is not freed (a limit of the binding).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (inFlight.get() > 0 && System.nanoTime() < until) {
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    model.close();
  }

  @Override
  public String toString() {
    return "LlamaBackend[" + spec.name() + ", " + spec.path() + "]";
  }
}
