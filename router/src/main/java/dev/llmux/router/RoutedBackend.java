package dev.llmux.router;

import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.Continuation;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.Price;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Tokens;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.PolicyFileException;
import dev.llmux.router.policy.PolicyFiles;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.text.RequestEstimator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one routed request path of llmux: a {@link Backend} that routes each request among other
 * backends with a {@link PolicyRouter}. It chooses a backend, measures the answer (latency, cost
 * from the token counts and the backend's {@link Price}), feeds the outcome back, and, when the
 * chosen backend fails, goes on with the next-best backend. Every multi-backend call of the
 * product takes this path: {@code llmux generate} and {@code chat} (a catalog role naming several
 * models, or {@code --router}), the agent's steps, benchmarks.
 *
 * <p>Two ways in:
 * <ul>
 *   <li>{@link #chat(ChatRequest, TokenListener)}, the Backend contract: the context is estimated
 *       from the request (first attempt, prompt size from its length; difficulty estimated from the
 *       last user message when the builder was given a {@link RequestEstimator}, else unknown) and the
 *       answer's success is judged at once by a {@link Judge} (by default: the model ended its
 *       answer).
 *   <li>{@link #route(ChatRequest, RouteContext, TokenListener)}, for callers that know the
 *       context and judge success later (an agent running tests): it returns the decision, and the
 *       caller reports the outcome through {@link #router()}{@code .feedback(...)}.
 * </ul>
 *
 * <p>Failures: a backend that throws a {@link BackendException} is fed back as a backend failure
 * (the policy does not learn an outage as bad quality) and excluded from the rest of the request:
 * the policy chooses again among the others; when none is left, a {@link
 * BackendUnavailableException} names every failure. A refusal ({@link InvalidRequestException}: a
 * prompt beyond the chosen model's context, a request its provider rejects) is fed back the same
 * way but ends the request: the caller gets it, and may ask again avoiding that backend ({@link
 * #route(ChatRequest, RouteContext, TokenListener, Collection)}). The next backend is
 * asked by the one rule of {@link Continuation}: the same request before any text, else a
 * continuation of the text so far (no JSON schema); the deadline and the token limit are the whole
 * answer's. The response lists every backend that produced part of the text in {@code servedBy}.
 * A cancelled answer is fed back as not learnable. Thread-safe. Closing it closes nothing else: the
 * backends belong to whoever made them.
 */
public final class RoutedBackend implements Backend {

  private static final Logger LOG = LoggerFactory.getLogger(RoutedBackend.class);

  /** Judges how well an answer did, from 0 to 1, when the caller cannot say. */
  @FunctionalInterface
  public interface Judge {
    /** Full marks when the model ended its answer or hit a stop string, half when it ran out of tokens. */
    Judge ANSWERED = (request, response) -> switch (response.stopReason()) {
      case END, STOP_STRING -> 1.0;
      case LENGTH -> 0.5;
      case CANCELLED, DEADLINE -> 0.0;
    };

    /** The answer's success, from 0 to 1. */
    double success(ChatRequest request, ChatResponse response);
  }

  /**
   * A routed answer whose success the caller reports later.
   *
   * @param response the answer
   * @param decision the decision of the backend that produced it; report its outcome with {@link
   *     PolicyRouter#feedback}
   * @param latencySeconds time that backend took
   * @param cost what that backend charged
   * @param failed the backends that failed this request before, in order (each already fed back as
   *     a backend failure); pass them as {@code avoid} to the retry of the same step
   */
  public record Routed(ChatResponse response, RouteDecision decision, double latencySeconds, double cost,
      List<String> failed) {

    /** Copies the list. */
    public Routed {
      failed = List.copyOf(failed);
    }

    /** A routed answer that no backend failed before. */
    public Routed(ChatResponse response, RouteDecision decision, double latencySeconds, double cost) {
      this(response, decision, latencySeconds, cost, List.of());
    }

    /** The outcome to report, with the measured latency and cost. */
    public Outcome outcome(double success, boolean terminal, RouteContext next) {
      return new Outcome(success, latencySeconds, cost, terminal, false, next);
    }
  }

  private final String name;
  private final List<Backend> backends;
  private final List<Price> prices;
  private final PolicyRouter router;
  private final Judge judge;
  private final RequestEstimator estimator;
  private final LiveStats live = new LiveStats();
  private volatile boolean closed;

  private RoutedBackend(Builder b, PolicyRouter router) {
    this.name = b.name;
    this.backends = List.copyOf(b.backends);
    this.prices = List.copyOf(b.prices);
    this.router = router;
    this.judge = b.judge;
    this.estimator = b.estimator;
  }

  /** A builder; see its methods for the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return name;
  }

  /** The router choosing among the backends, for feedback and saving the policy. */
  public PolicyRouter router() {
    return router;
  }

  @Override
  public ChatResponse chat(ChatRequest request, TokenListener listener) {
    return chatRouted(request, listener).response();
  }

  /**
   * As {@link #chat(ChatRequest, TokenListener)} (context estimated from the request, the answer
   * judged and fed back at once), returning the decision with the answer, for callers that show
   * how it was routed.
   */
  public Routed chatRouted(ChatRequest request, TokenListener listener) {
    return route(request, contextOf(request), listener, true, 0);
  }

  /**
   * Routes a request whose context the caller knows; backend failures are fed back here, the
   * answer's own outcome is the caller's to report with {@code router().feedback(routed.decision(),
   * routed.outcome(...))}. When the answer ends after a failure without another backend (cancelled,
   * out of time, or out of tokens after a broken stream), the response holds the text so far and
   * the decision is the failed one, already fed back.
   *
   * @throws BackendUnavailableException when every backend failed or is unavailable
   * @throws InvalidRequestException when the chosen backend refused the request (the refusal
   *     itself; no other backend is asked)
   */
  public Routed route(ChatRequest request, RouteContext context, TokenListener listener) {
    return route(request, context, listener, false, 0);
  }

  /**
   * As {@link #route(ChatRequest, RouteContext, TokenListener)}, avoiding the backends named in
   * {@code avoid} (those that failed the previous try of the same step, say) unless no other backend
   * can take the request: then they may be chosen as usual.
   *
   * @throws IllegalArgumentException when {@code avoid} names a backend this router does not have
   */
  public Routed route(ChatRequest request, RouteContext context, TokenListener listener, Collection<String> avoid) {
    int mask = 0;
    for (String b : avoid) {
      mask |= 1 << router.indexOf(b);
    }
    return route(request, context, listener, false, mask);
  }

  private Routed route(ChatRequest request, RouteContext context, TokenListener listener, boolean judgeNow, int avoid) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(listener, "listener");
    if (closed) {
      throw new BackendUnavailableException(name, "the routed backend is closed", null);
    }
    live.started();
    Continuation answer = Continuation.start(request, listener);
    List<String> failed = new ArrayList<>();
    RouteDecision lastDecision = null;
    int excluded = 0;
    boolean done = false;
    try {
      while (true) {
        if (lastDecision != null) {
          StopReason stop = answer.stopReason();
          if (stop != null) {
            // The answer ends here (cancelled, out of time or out of tokens) with the text so far;
            // the failed decision was already fed back as a backend failure.
            ChatResponse partial = answer.end(stop, name);
            live.succeeded(partial.timings());
            done = true;
            return new Routed(partial, lastDecision, 0, 0, failed);
          }
        }
        RouteDecision decision;
        try {
          decision = choose(context, excluded, avoid);
        } catch (BackendUnavailableException e) {
          if (answer.attempts() == 0) {
            throw new BackendUnavailableException(name, e.getMessage(), e);
          }
          throw answer.exhausted(name, e.getMessage());
        }
        lastDecision = decision;
        int index = router.indexOf(decision.backend());
        Backend backend = backends.get(index);
        ChatRequest current = answer.next();
        long callStart = System.nanoTime();
        ChatResponse response;
        try {
          response = backend.chat(current, answer.listener());
        } catch (InvalidRequestException e) {
          // A refusal ends the answer (the one continuation rule): the caller must fix the request
          // or ask again avoiding this backend. Not learned as bad quality.
          router.feedback(decision, new Outcome(0, seconds(callStart), 0, true, true, null));
          throw e;
        } catch (BackendException e) {
          router.feedback(decision, new Outcome(0, seconds(callStart), 0, true, true, null));
          LOG.warn("backend '{}' failed, falling back: {}", backend.name(), e.getMessage());
          answer.failed(backend.name(), e);
          failed.add(backend.name());
          excluded |= 1 << index;
          continue;
        } catch (RuntimeException e) {
          router.feedback(decision, new Outcome(0, seconds(callStart), 0, true, true, null));
          throw e;
        }
        double latency = seconds(callStart);
        double cost = prices.get(index).cost(response.usage());
        ChatResponse full = answer.answered(response);
        if (judgeNow) {
          boolean cancelled = full.stopReason() == StopReason.CANCELLED;
          double success = cancelled ? 0 : judge.success(request, full);
          router.feedback(decision, new Outcome(success, latency, cost, true, cancelled, null));
        }
        live.succeeded(full.timings());
        done = true;
        return new Routed(full, decision, latency, cost, failed);
      }
    } finally {
      if (!done) {
        live.failed();
      }
    }
  }

  /** The policy's choice among the backends not excluded, avoiding {@code avoid} while another is left. */
  private RouteDecision choose(RouteContext context, int excluded, int avoid) {
    if ((avoid & ~excluded) != 0) {
      try {
        return router.choose(context, excluded | avoid);
      } catch (BackendUnavailableException onlyAvoidedLeft) {
        // Only avoided backends can take it: they may.
      }
    }
    return router.choose(context, excluded);
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  /**
   * A first-attempt context with the prompt size from {@link Tokens#estimate(ChatRequest)} and the
   * difficulty estimated from the request's text (UNKNOWN without an estimator, when it is unsure,
   * or when text features are off).
   */
  RouteContext contextOf(ChatRequest request) {
    String text = lastUserText(request);
    RouteContext unknown = new RouteContext(RouteContext.Difficulty.UNKNOWN, 0, RouteContext.LastOutcome.NONE,
        Tokens.estimate(request));
    if (estimator == null || text == null || text.isBlank()) {
      return unknown;
    }
    return estimator.trySignal(text)
        .map(s -> new RouteContext(s.estimate().routed(), 0, RouteContext.LastOutcome.NONE, unknown.promptTokens(),
            s.vector()))
        .orElse(unknown);
  }

  /** A first-attempt context of unknown difficulty, with the prompt size from {@link Tokens#estimate(ChatRequest)}. */
  static RouteContext estimate(ChatRequest request) {
    return new RouteContext(RouteContext.Difficulty.UNKNOWN, 0, RouteContext.LastOutcome.NONE, Tokens.estimate(request));
  }

  /**
   * The difficulty the router uses for a request of this text when nobody labelled it: the text
   * estimate's class, or UNKNOWN (no estimator, an unsure estimate, or text features off here).
   */
  public RouteContext.Difficulty difficultyOf(String text) {
    if (estimator == null || text == null || text.isBlank()) {
      return RouteContext.Difficulty.UNKNOWN;
    }
    return estimator.routedDifficulty(text);
  }

  private static String lastUserText(ChatRequest request) {
    if (request.rawPrompt() != null) {
      return request.rawPrompt();
    }
    for (int i = request.messages().size() - 1; i >= 0; i--) {
      if (request.messages().get(i).role() == dev.llmux.engine.Role.USER) {
        return request.messages().get(i).content();
      }
    }
    return null;
  }

  /** Live figures of the routed backend as a whole; unavailable when every backend is. */
  @Override
  public BackendStats stats() {
    boolean any = false;
    if (!closed) {
      for (Backend b : backends) {
        if (b.stats().availability() != BackendStats.Availability.UNAVAILABLE) {
          any = true;
          break;
        }
      }
    }
    return live.snapshot(any ? BackendStats.Availability.AVAILABLE : BackendStats.Availability.UNAVAILABLE);
  }

  /** Refuses further requests; the routed-to backends stay open. */
  @Override
  public void close() {
    closed = true;
  }

  /** Builds a {@link RoutedBackend}. */
  public static final class Builder {
    private String name = "router";
    private final List<Backend> backends = new ArrayList<>();
    private final List<Price> prices = new ArrayList<>();
    private String spec = "rl.TabularQ";
    private boolean specGiven;
    private RoutingPolicy policy;
    private Path policyFile;
    private RouterSettings settings = RouterSettings.defaults();
    private Reward reward;
    private long seed = RouterSettings.defaults().training().seed();
    private Judge judge = Judge.ANSWERED;
    private boolean learning = true;
    private RequestEstimator estimator;
    private String fallback;

    private Builder() {}

    /**
     * Estimates the difficulty of requests that arrive without one ({@link #chat} and {@link
     * #difficultyOf}); default none: they route as UNKNOWN.
     */
    public Builder estimator(RequestEstimator e) {
      this.estimator = Objects.requireNonNull(e, "estimator");
      return this;
    }

    /** The backend for states the policy never learned anything about (see {@link PolicyRouter.Builder#fallback}). */
    public Builder fallback(String backendName) {
      this.fallback = Objects.requireNonNull(backendName, "fallback");
      return this;
    }

    /** The name this backend goes by (default {@code "router"}). */
    public Builder name(String n) {
      this.name = Objects.requireNonNull(n, "name");
      return this;
    }

    /** Adds a local backend (free). Add backends cheapest first. */
    public Builder backend(Backend backend) {
      return backend(backend, Price.FREE);
    }

    /** Adds a backend with its prices. Add backends cheapest first. */
    public Builder backend(Backend backend, Price pricing) {
      backends.add(Objects.requireNonNull(backend, "backend"));
      prices.add(Objects.requireNonNull(pricing, "pricing"));
      return this;
    }

    /**
     * The registry spec of the policy (default {@code rl.TabularQ}); with a {@link #policyFile},
     * the policy the file must hold (an alias such as {@code fixed:NAME} counts as its policy).
     */
    public Builder policy(String registrySpec) {
      this.spec = Objects.requireNonNull(registrySpec, "spec");
      this.specGiven = true;
      this.policy = null;
      return this;
    }

    /** A ready policy, made for these backends in this order. */
    public Builder policy(RoutingPolicy ready) {
      this.policy = Objects.requireNonNull(ready, "policy");
      return this;
    }

    /**
     * A policy file to start from (made by {@code llmux router train} or {@link
     * PolicyRouter#save}); it must list the same backends in the same order, and hold the policy
     * named by {@link #policy(String)} when one was named.
     */
    public Builder policyFile(Path file) {
      this.policyFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Tunables (default {@link RouterSettings#defaults()}). */
    public Builder settings(RouterSettings s) {
      this.settings = Objects.requireNonNull(s, "settings");
      return this;
    }

    /** The reward (default: the settings' reward). */
    public Builder reward(Reward r) {
      this.reward = Objects.requireNonNull(r, "reward");
      return this;
    }

    /** Seed of the policy's random choices (default: the settings' seed). */
    public Builder seed(long s) {
      this.seed = s;
      return this;
    }

    /** How answers are judged on the {@link Backend#chat} path (default {@link Judge#ANSWERED}). */
    public Builder judge(Judge j) {
      this.judge = Objects.requireNonNull(j, "judge");
      return this;
    }

    /**
     * Whether the policy keeps learning (and exploring) from real outcomes (default true); false
     * freezes it, so it makes its greedy choice and outcomes are only counted.
     */
    public Builder learning(boolean on) {
      this.learning = on;
      return this;
    }

    /**
     * Makes the routed backend.
     *
     * @throws PolicyFileException when the policy file cannot be used, lists other backends or holds
     *     another policy than the one named with {@link #policy(String)}
     */
    public RoutedBackend build() {
      if (backends.isEmpty()) {
        throw new IllegalArgumentException("a routed backend needs at least one backend");
      }
      List<String> names = backends.stream().map(Backend::name).toList();
      for (int i = 0; i < names.size(); i++) {
        if (names.indexOf(names.get(i)) != i) {
          throw new ConfigException("routed backend '" + name + "' has backend '" + names.get(i) + "' twice: list it once");
        }
      }
      PolicyRouter.Builder rb = PolicyRouter.builder()
          .backends(names)
          .settings(settings)
          .seed(seed)
          .stats(i -> backends.get(i).stats())
          .fallback(fallback);
      if (reward != null) {
        rb.reward(reward);
      }
      if (policyFile != null) {
        PolicyFiles.Loaded loaded = PolicyFiles.load(policyFile, Registry.standard(), settings, seed);
        if (!loaded.context().backends().equals(names)) {
          throw new PolicyFileException("policy file " + policyFile + " routes among " + loaded.context().backends()
              + " but this router has " + names + ": train a policy for these backends");
        }
        String held = loaded.policy().name();
        if (specGiven && !held.equals(Registry.standard().canonical(spec))) {
          throw new PolicyFileException("policy file " + policyFile + " holds " + held + ", not " + spec
              + ": ask for " + held + " or give a policy file of " + spec);
        }
        rb.policy(loaded.policy());
      } else if (policy != null) {
        rb.policy(policy);
      } else {
        rb.policy(spec);
      }
      PolicyRouter router = rb.build();
      if (!learning) {
        router.policy().freeze();
      }
      return new RoutedBackend(this, router);
    }
  }
}
