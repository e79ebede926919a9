package dev.llmux.agent;

import dev.llmux.agent.task.Evaluator;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Timings;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Usage;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RoutingPolicy;
import dev.llmux.router.policy.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Test doubles for the agent loop: scripted backends, a recording routing policy, a fake evaluator. */
public final class TestDoubles {

  private TestDoubles() {}

  /** A backend answering from a script; {@code null} text in the script means: throw a backend error. */
  public static final class ScriptedBackend implements Backend {
    private final String name;
    private final Deque<Object[]> script = new ArrayDeque<>();
    private final Function<ChatRequest, Object[]> fallback;
    public final List<ChatRequest> requests = new ArrayList<>();
    private final LiveStats stats = new LiveStats();

    public ScriptedBackend(String name, Function<ChatRequest, Object[]> fallback) {
      this.name = name;
      this.fallback = fallback;
    }

    /** Adds an answer ending for {@code reason}. */
    public ScriptedBackend then(String text, StopReason reason) {
      script.add(new Object[] {text, reason});
      return this;
    }

    /** Adds a complete answer. */
    public ScriptedBackend then(String text) {
      return then(text, StopReason.END);
    }

    /** Adds a backend failure. */
    public ScriptedBackend fail() {
      script.add(new Object[] {null, null});
      return this;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request, TokenListener listener) {
      requests.add(request);
      Object[] next = script.isEmpty() ? fallback.apply(request) : script.removeFirst();
      if (next[0] == null) {
        throw new BackendException(name, "scripted failure", true, null);
      }
      return ChatResponse.of((String) next[0], (StopReason) next[1], new Usage(10, 5), new Timings(1, 100, 2), name);
    }

    @Override
    public BackendStats stats() {
      return stats.snapshot(BackendStats.Availability.AVAILABLE);
    }
  }

  /**
   * A routing policy that records every context, available mask, decision and outcome. It takes the
   * available backends in turn, or, made with {@link #firstAvailable}, always the first available one.
   */
  public static final class RecordingPolicy implements RoutingPolicy {
    private final List<String> backends;
    private final boolean inTurn;
    private int next;
    private boolean frozen;
    public final List<RouteContext> contexts = new ArrayList<>();
    public final List<Integer> available = new ArrayList<>();
    public final List<RouteDecision> decisions = new ArrayList<>();
    public final List<Outcome> outcomes = new ArrayList<>();

    /** Takes the available backends in turn. */
    public RecordingPolicy(String... backends) {
      this(true, backends);
    }

    private RecordingPolicy(boolean inTurn, String... backends) {
      this.backends = List.of(backends);
      this.inTurn = inTurn;
    }

    /** Always takes the first available backend, in the given order. */
    public static RecordingPolicy firstAvailable(String... backends) {
      return new RecordingPolicy(false, backends);
    }

    @Override
    public String name() {
      return "test.Recording";
    }

    @Override
    public RouteDecision choose(RouteContext context, int state, int mask) {
      contexts.add(context);
      available.add(mask);
      int start = inTurn ? next : 0;
      for (int k = 0; k < backends.size(); k++) {
        int i = (start + k) % backends.size();
        if (((mask >>> i) & 1) != 0) {
          next = i + 1;
          RouteDecision d = new RouteDecision(backends.get(i), decisions.size(), "test", 0.5);
          decisions.add(d);
          return d;
        }
      }
      throw new IllegalArgumentException("nothing available");
    }

    @Override
    public void feedback(Transition transition) {
      outcomes.add(transition.outcome());
    }

    @Override
    public void freeze() {
      frozen = true;
    }

    @Override
    public boolean frozen() {
      return frozen;
    }
  }

  /** Passes every test when the file's content equals {@code expected}; counts its runs. */
  public static final class ContentEvaluator implements Evaluator {
    private final String file;
    private final String expected;
    public int runs;

    public ContentEvaluator(String file, String expected) {
      this.file = file;
      this.expected = expected;
    }

    @Override
    public TestReport evaluate(Task task, Workspace ws) {
      runs++;
      boolean ok = ws.exists(file) && ws.readFile(file).equals(expected);
      return new TestReport(ok ? task.testCount() : 0, ok ? 0 : task.testCount(), task.testCount(), task.testCount(), true,
          ok ? "OK" : "FAIL: wrong output", "");
    }
  }

  /** An agent builder routing among these backends, in order, with this policy. */
  public static Agent.Builder agent(RoutingPolicy policy, Evaluator evaluator, Backend... backends) {
    Agent.Builder b = Agent.builder().policy(policy).evaluator(evaluator);
    for (Backend backend : backends) {
      b.backend(backend);
    }
    return b;
  }

  /** The JSON of a call. */
  public static String call(String tool, Map<String, Object> args) {
    return new dev.llmux.agent.tools.ToolCall(tool, args).toJson();
  }

  /** A complete answer with this text. */
  public static Object[] answer(String text) {
    return new Object[] {text, StopReason.END};
  }
}
