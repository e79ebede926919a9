package dev.llmux.agent;

import dev.llmux.agent.task.Evaluator;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.tools.InvalidCall;
import dev.llmux.agent.tools.Tool;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.agent.tools.ToolCallParser;
import dev.llmux.agent.tools.ToolContext;
import dev.llmux.agent.tools.ToolResult;
import dev.llmux.agent.tools.ToolSet;
import dev.llmux.agent.tools.Tools;
import dev.llmux.agent.workspace.Workspace;
import dev.llmux.agent.workspace.WorkspaceException;
import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Tokens;
import dev.llmux.engine.Usage;
import dev.llmux.router.Router;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The programming agent's loop. One step: build the prompt (task, history, last observation, the
 * tools in words) -> the router picks a backend -> the backend answers under the tool-call JSON
 * schema -> parse and validate (invalid answers get a corrective message and are asked again, at
 * most {@link AgentConfig#maxReasks()} times; a cut-off answer is never executed) -> run the tool
 * -> observation -> reward and router feedback -> one {@link StepRecord} to the listener.
 *
 * <p>The reward's success part of every call is the pass fraction of the task's pristine tests on
 * the workspace after it, run by the harness (cached while no file changed; 0 until the agent has
 * written a file, and for invalid answers and backend failures). Backend failures are reported
 * with {@link Outcome#backendFailure()} set.
 *
 * <p>An agent can run many episodes, one after another; it is not meant to run two at once.
 */
public final class Agent {

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final Router router;
  private final Map<String, Backend> backends;
  private final ToolSet tools;
  private final ToolCallParser parser;
  private final Evaluator evaluator;
  private final AgentConfig config;
  private final CostModel costs;
  private final PolicySaver saver;
  private final InvalidCallStats invalidStats;
  private final Prompts prompts;

  private Agent(Builder b) {
    this.router = Objects.requireNonNull(b.router, "router");
    this.backends = Map.copyOf(b.backends);
    this.tools = b.tools;
    this.parser = new ToolCallParser(tools);
    this.evaluator = Objects.requireNonNull(b.evaluator, "evaluator");
    this.config = b.config;
    this.costs = b.costs;
    this.saver = b.saver;
    this.invalidStats = b.invalidStats;
    this.prompts = new Prompts(tools, config.historySteps(), config.observationChars());
    for (String name : router.backends()) {
      if (!backends.containsKey(name)) {
        throw new AgentException("the router chooses among " + router.backends()
            + " but no backend is named '" + name + "'; the backends are " + new TreeMap<>(backends).keySet());
      }
    }
  }

  /** A builder; {@link Builder#router}, {@link Builder#backends} and {@link Builder#evaluator} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The invalid-answer counts of every backend, over all episodes of this agent. */
  public InvalidCallStats invalidCalls() {
    return invalidStats;
  }

  /** The tools the agent offers. */
  public ToolSet tools() {
    return tools;
  }

  /** The agent's configuration. */
  public AgentConfig config() {
    return config;
  }

  /**
   * Runs one episode of {@code task} in {@code workspace} (which should hold the task's starter
   * files and tests) and reports every model call to {@code listener}.
   */
  public EpisodeResult run(Task task, Workspace workspace, StepListener listener) {
    return new Episode(task, workspace, listener).run();
  }

  /** The state of one episode. */
  private final class Episode {
    private final Task task;
    private final Workspace ws;
    private final StepListener listener;
    private final String runId = UUID.randomUUID().toString();
    private final long start = System.nanoTime();
    private final long deadline;
    private final List<Prompts.Exchange> history = new ArrayList<>();
    private final List<String> initialFiles;
    private final Map<String, Integer> stepsPerBackend = new LinkedHashMap<>();
    private int version;
    private int evaluatedVersion = -1;
    private TestReport lastReport;
    private int modelCalls;
    private int invalidCalls;
    private double cost;
    private boolean mock;
    private String lastKey;
    private int repeats;

    Episode(Task task, Workspace ws, StepListener listener) {
      this.task = task;
      this.ws = ws;
      this.listener = listener;
      this.deadline = start + config.timeLimit().toNanos();
      List<String> files;
      try {
        files = ws.listFiles(".");
      } catch (WorkspaceException e) {
        files = List.of();
      }
      this.initialFiles = files;
    }

    /** The pristine tests on the workspace as it is now; cached while no file changed. */
    TestReport tests() {
      if (evaluatedVersion != version || lastReport == null) {
        lastReport = evaluator.evaluate(task, ws);
        evaluatedVersion = version;
      }
      return lastReport;
    }

    /** The success part of the reward after a call: 0 until a file was written. */
    private double success() {
      return version == 0 && lastReport == null ? 0 : tests().passFraction();
    }

    private LastOutcome lastOutcome() {
      if (lastReport == null || lastReport.allPassed()) {
        return LastOutcome.NONE;
      }
      return lastReport.passFraction() > 0 ? LastOutcome.TESTS_PARTIAL : LastOutcome.TESTS_FAILED;
    }

    EpisodeResult run() {
      EpisodeEnd end = EpisodeEnd.STEP_LIMIT;
      int step = 0;
      steps:
      for (; step < config.maxSteps(); step++) {
        List<Message> reasks = new ArrayList<>();
        int failures = 0;
        int attempt = 0;
        while (true) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            end = EpisodeEnd.TIME_LIMIT;
            break steps;
          }
          boolean lastStep = step == config.maxSteps() - 1;
          Call c = call(step, attempt, reasks, Duration.ofNanos(remaining));
          attempt++;
          if (c.stopReason == StopReason.DEADLINE || c.stopReason == StopReason.CANCELLED) {
            feedback(step, c, 0, false, true, null);
            emit(c, step, attempt - 1, null, null, "the call was stopped (" + c.stopReason + ") at the episode's time limit",
                null, 0, 0, true);
            end = EpisodeEnd.TIME_LIMIT;
            count(c.backend);
            break steps;
          }
          if (c.error != null) {
            failures++;
            boolean give = failures > config.maxBackendFailures();
            feedback(step, c, 0, give, true, null);
            emit(c, step, attempt - 1, null, null, "backend error: " + c.error, null, 0, 0, give);
            if (give) {
              end = EpisodeEnd.BACKEND_FAILURE;
              count(c.backend);
              break steps;
            }
            continue;
          }
          ToolCallParser.Result parsed = parser.parse(c.response.text(), c.response.stopReason(), config.maxTokens());
          if (parsed instanceof ToolCallParser.Invalid inv) {
            InvalidCall error = inv.error();
            invalidStats.invalid(c.backend, error.kind());
            invalidCalls++;
            boolean exhausted = reasks.size() / 2 >= config.maxReasks();
            boolean terminal = exhausted && lastStep;
            String observation = Prompts.corrective(error.message());
            feedback(step, c, 0, terminal, false, null);
            emit(c, step, attempt - 1, null, error, observation, null, 0, 0, terminal);
            if (exhausted) {
              count(c.backend);
              history.add(new Prompts.Exchange(new ToolCall("invalid_answer", Map.of()),
                  "no valid tool call after " + attempt + " answers; last problem: " + error.message()));
              continue steps;
            }
            reasks.add(Message.assistant(c.response.text()));
            reasks.add(Message.user(observation));
            continue;
          }
          ToolCall call = ((ToolCallParser.Valid) parsed).call();
          invalidStats.valid(c.backend);
          count(c.backend);
          Tool tool = tools.get(call.tool());
          long t0 = System.nanoTime();
          ToolResult result = tool.run(call, new ToolContext(ws, task, this::tests));
          double toolMillis = (System.nanoTime() - t0) / 1e6;
          if (tool.changesWorkspace() && result.ok()) {
            version++;
          }
          double success = success();
          boolean terminal = result.finished() || lastStep;
          TestReport report = result.tests() != null ? result.tests() : (evaluatedVersion == version ? lastReport : null);
          history.add(new Prompts.Exchange(call, result.observation()));
          String key = call.toJson() + "\u0000" + result.observation();
          repeats = key.equals(lastKey) ? repeats + 1 : 1;
          lastKey = key;
          boolean stuck = repeats >= config.stuckRepeats();
          terminal |= stuck;
          feedback(step, c, success, terminal, false, toolMillis);
          emit(c, step, attempt - 1, call, null, result.observation(), report, toolMillis, success, terminal);
          if (result.finished()) {
            end = EpisodeEnd.FINISHED;
            step++;
            break steps;
          }
          if (stuck) {
            end = EpisodeEnd.STUCK;
            step++;
            break steps;
          }
          continue steps;
        }
      }
      TestReport fin = tests();
      EpisodeResult r = new EpisodeResult(runId, task.name(), task.difficulty(), task.language(), fin.allPassed(),
          fin.passFraction(), end, Math.min(step, config.maxSteps()), modelCalls, invalidCalls,
          (System.nanoTime() - start) / 1_000_000, stepsPerBackend, cost, mock, fin);
      listener.onEpisode(r);
      if (config.learn()) {
        saver.save();
      }
      LOG.debug("episode {} of {}: {} after {} steps", runId, task.name(), end, r.steps());
      return r;
    }

    private void count(String backend) {
      stepsPerBackend.merge(backend, 1, Integer::sum);
    }

    /** One model call: route, ask, time. */
    private Call call(int step, int attempt, List<Message> reasks, Duration remaining) {
      List<Message> messages = prompts.build(task, initialFiles, history, reasks);
      int promptTokens = Tokens.estimate(messages);
      RouteContext ctx = new RouteContext(task.difficulty(), step, lastOutcome(), promptTokens);
      RouteDecision decision = router.choose(ctx);
      Backend backend = backends.get(decision.backend());
      if (backend == null) {
        throw new AgentException("the router chose '" + decision.backend() + "', which is not among the backends "
            + new TreeMap<>(backends).keySet());
      }
      boolean simulated = backend instanceof SimulatedBackend;
      mock |= simulated;
      ChatRequest request = ChatRequest.builder()
          .messages(messages)
          .jsonSchema(tools.schema())
          .maxTokens(config.maxTokens())
          .temperature(config.temperature())
          .seed(config.seed() + 1000L * step + attempt)
          .timeout(remaining)
          .build();
      Instant at = Instant.now();
      long t0 = System.nanoTime();
      modelCalls++;
      try {
        ChatResponse response = backend.chat(request);
        double millis = (System.nanoTime() - t0) / 1e6;
        double callCost = costs.cost(decision.backend(), response.usage());
        cost += callCost;
        return new Call(ctx, decision, decision.backend(), simulated, messages, at, response, response.stopReason(), null, millis,
            callCost);
      } catch (BackendException | InvalidRequestException e) {
        // An invalid request here is one this backend cannot take (a prompt beyond its context,
        // say); another backend may, so it counts like a backend failure, not as bad quality.
        double millis = (System.nanoTime() - t0) / 1e6;
        LOG.debug("backend {} failed: {}", decision.backend(), e.getMessage());
        return new Call(ctx, decision, decision.backend(), simulated, messages, at, null, null, e.getMessage(), millis, 0);
      }
    }

    private void feedback(int step, Call c, double success, boolean terminal, boolean backendFailure, Double toolMillis) {
      double latency = (c.millis + (toolMillis == null ? 0 : toolMillis)) / 1000.0;
      RouteContext next = terminal ? null
          : new RouteContext(task.difficulty(), step + 1, lastOutcome(), c.context.promptTokens());
      router.feedback(c.decision, new Outcome(success, latency, c.cost, terminal, backendFailure, next));
    }

    private void emit(Call c, int step, int attempt, ToolCall call, InvalidCall invalid, String observation, TestReport tests,
        double toolMillis, double success, boolean terminal) {
      ChatResponse r = c.response;
      Usage usage = r == null ? Usage.NONE : r.usage();
      double ttft = r == null ? c.millis : r.timings().timeToFirstTokenMillis();
      double latency = (c.millis + toolMillis) / 1000.0;
      listener.onStep(new StepRecord(runId, task.name(), step, attempt, c.at, c.backend, c.simulated, c.decision, c.messages,
          r == null ? "" : r.text(), c.stopReason, call, invalid, c.error, observation, tests, usage, c.millis, ttft, toolMillis,
          success, c.cost, config.reward().reward(success, latency, c.cost), terminal));
    }
  }

  /** One model call's facts. */
  private record Call(
      RouteContext context, RouteDecision decision, String backend, boolean simulated, List<Message> messages, Instant at,
      ChatResponse response, StopReason stopReason, String error, double millis, double cost) {}


  /** Builds an {@link Agent}; every setter returns the builder. */
  public static final class Builder {
    private Router router;
    private final Map<String, Backend> backends = new LinkedHashMap<>();
    private ToolSet tools = Tools.standard();
    private Evaluator evaluator;
    private AgentConfig config = AgentConfig.DEFAULT;
    private CostModel costs = CostModel.FREE;
    private PolicySaver saver = PolicySaver.NONE;
    private InvalidCallStats invalidStats = new InvalidCallStats();

    private Builder() {}

    /** The router that picks a backend for each call (required). */
    public Builder router(Router r) {
      this.router = r;
      return this;
    }

    /** The backends the router chooses among, by name (required). */
    public Builder backends(Map<String, Backend> b) {
      backends.clear();
      backends.putAll(b);
      return this;
    }

    /** The tools offered (default {@link Tools#standard()}). */
    public Builder tools(ToolSet t) {
      this.tools = t;
      return this;
    }

    /** What runs the task's pristine tests (required; normally a sandbox test harness). */
    public Builder evaluator(Evaluator e) {
      this.evaluator = e;
      return this;
    }

    /** Limits and settings (default {@link AgentConfig#DEFAULT}). */
    public Builder config(AgentConfig c) {
      this.config = c;
      return this;
    }

    /** Prices of the backends (default {@link CostModel#FREE}). */
    public Builder costs(CostModel c) {
      this.costs = c;
      return this;
    }

    /** Saves the policy after each episode when {@link AgentConfig#learn()} is on (default: nothing). */
    public Builder policySaver(PolicySaver s) {
      this.saver = s;
      return this;
    }

    /** Shares invalid-answer counts with other agents (default: a fresh one). */
    public Builder invalidCallStats(InvalidCallStats s) {
      this.invalidStats = s;
      return this;
    }

    /** Checks that the router's backends all exist and builds the agent. */
    public Agent build() {
      return new Agent(this);
    }
  }
}
