package dev.llmux.agent;

import dev.llmux.agent.StepOutcome.Answer;
import dev.llmux.agent.StepOutcome.BackendError;
import dev.llmux.agent.StepOutcome.InvalidAnswer;
import dev.llmux.agent.StepOutcome.Stopped;
import dev.llmux.agent.StepOutcome.ToolRun;
import dev.llmux.agent.task.Evaluator;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.TestReport;
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
import dev.llmux.engine.Price;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.context.ContextCompactor;
import dev.llmux.engine.context.ContextOverflowException;
import dev.llmux.engine.context.ContextWindow;
import dev.llmux.engine.context.SummarizingBackend;
import dev.llmux.engine.Tokens;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.PolicyRouter;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.text.RequestEstimator;
import dev.llmux.router.policy.RouteContext.LastOutcome;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.RoutedBackend;
import dev.llmux.router.RoutedBackend.Routed;
import dev.llmux.router.policy.RouterSettings;
import dev.llmux.router.policy.RoutingPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The programming agent's loop. One step: build the prompt (task, history, last observation, the
 * tools in words) -> one routed call through a {@link RoutedBackend} (the router picks a backend;
 * when it fails, the routed backend falls back to another, never the one that just failed unless
 * no other is left) -> parse and validate the answer (invalid answers get a corrective message and
 * are asked again, at most {@link AgentConfig#maxReasks()} times; a cut-off answer is never
 * executed) -> run the tool -> observation -> reward and router feedback -> one {@link StepRecord}
 * per model call to the listener.
 *
 * <p>The reward's success part of every call is the pass fraction of the task's pristine tests on
 * the workspace after it, run by the harness (cached while no file changed; 0 until the agent has
 * written a file, and for invalid answers and backend failures). The scalar reward logged with each
 * call is the router's own {@link dev.llmux.router.policy.Reward}. Backend failures are fed back by the
 * routed backend with {@link Outcome#backendFailure()} set.
 *
 * <p>An agent can run many episodes, one after another; it is not meant to run two at once.
 */
public final class Agent {

  private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

  private final RoutedBackend routed;
  private final CallLog calls;
  private final ToolSet tools;
  private final ToolCallParser parser;
  private final Evaluator evaluator;
  private final AgentConfig config;
  private final PolicySaver saver;
  private final InvalidCallStats invalidStats;
  private final AgentPrompts prompts;
  private final Map<String, RoutedBackend> roles;
  private final Supervisor.Settings supervision;
  private final java.util.concurrent.Executor supervisorExecutor;

  private Agent(Builder b, RoutedBackend routed, CallLog calls) {
    this.routed = routed;
    this.calls = calls;
    this.tools = b.tools;
    this.parser = new ToolCallParser(tools);
    this.evaluator = b.evaluator;
    this.config = b.config;
    this.saver = b.saver;
    this.invalidStats = b.invalidStats;
    this.prompts = new AgentPrompts(tools, config.historySteps(), config.observationChars());
    this.roles = Map.copyOf(b.roles);
    this.supervision = b.supervision;
    this.supervisorExecutor = b.supervisorExecutor;
  }

  /** What runs the task's pristine tests. */
  public Evaluator evaluator() {
    return evaluator;
  }

  /** The names of the roles the agent has besides its own routed loop, sorted. */
  public List<String> roles() {
    return roles.keySet().stream().sorted().toList();
  }

  /**
   * The routed backend of a role ({@code reviewer}, {@code tester}, ...), with its own router: it
   * chooses among the role's models, learns from the role's outcomes and explains its choices.
   *
   * @throws AgentException naming the role and the roles there are, when the agent has no such role
   */
  public RoutedBackend role(String name) {
    RoutedBackend r = roles.get(name);
    if (r == null) {
      throw new AgentException("the agent has no role '" + name + "'; its roles: " + roles()
          + " (define the role in the catalog's \"roles\", or use --backend mock)");
    }
    return r;
  }

  /** A builder; at least one {@link Builder#backend} and the {@link Builder#evaluator} are required. */
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

  /** The router behind the agent's routed backend: its policy, its reward, saving. */
  public PolicyRouter router() {
    return routed.router();
  }

  /** The names of the backends the agent routes among, in routing order. */
  public List<String> backends() {
    return routed.router().backends();
  }

  /**
   * Runs one episode of {@code task} in {@code workspace} (which should hold the task's starter
   * files and tests) and reports every model call to {@code listener}.
   */
  public EpisodeResult run(Task task, Workspace workspace, StepListener listener) {
    return new Episode(task, workspace, listener).run();
  }

  /** How a step left the episode: go on to the next step, ask again within it, or end. */
  private enum StepEnd {
    NEXT(null, true),
    ASK_AGAIN(null, false),
    FINISHED(EpisodeEnd.FINISHED, true),
    STUCK(EpisodeEnd.STUCK, true),
    TIME_LIMIT(EpisodeEnd.TIME_LIMIT, false),
    BACKEND_FAILURE(EpisodeEnd.BACKEND_FAILURE, false),
    SUPERVISOR_STOP(EpisodeEnd.SUPERVISOR_STOP, false),
    CONTEXT_FULL(EpisodeEnd.CONTEXT_FULL, false);

    final EpisodeEnd episodeEnd;
    final boolean counts;

    StepEnd(EpisodeEnd episodeEnd, boolean counts) {
      this.episodeEnd = episodeEnd;
      this.counts = counts;
    }
  }

  /**
   * The calls of one step so far: its number, the re-ask messages, the backends that failed (avoided
   * by the step's later calls while another backend is left), the failure count and calls made.
   */
  private static final class StepCalls {
    final int step;
    final boolean last;
    final List<Message> reasks = new ArrayList<>();
    final Set<String> failed = new LinkedHashSet<>();
    int failures;
    int attempt;
    boolean refused;
    boolean contextFull;

    StepCalls(int step, boolean last) {
      this.step = step;
      this.last = last;
    }
  }

  /**
   * One answered model call.
   *
   * @param routed the routed answer, its decision, latency and cost
   * @param call the backend's call as the call log saw it
   * @param context the route context the call was made in
   * @param messages the conversation sent
   */
  private record Reply(Routed routed, CallLog.Call call, RouteContext context, List<Message> messages) {

    Answer answer() {
      ChatResponse r = routed.response();
      return new Answer(r.text(), r.stopReason(), r.usage(), r.timings().timeToFirstTokenMillis());
    }
  }

  /** The state of one episode. */
  private final class Episode {
    private final Task task;
    private final Workspace ws;
    private final StepListener listener;
    private final String runId = UUID.randomUUID().toString();
    private final long start = System.nanoTime();
    private final long deadline;
    private final List<AgentPrompts.Exchange> history = new ArrayList<>();
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
    private Difficulty difficulty;
    private final Supervisor supervisor;
    private String hint;
    private String preferred;

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
      this.supervisor = supervision == null ? null
          : new Supervisor(role(Supervisor.ROLE), supervision, task, runId, this::snapshot, supervisorExecutor);
    }

    /** Runs steps until one ends the episode or the step limit is reached, then reports the result. */
    EpisodeResult run() {
      EpisodeEnd end = EpisodeEnd.STEP_LIMIT;
      int steps = 0;
      while (steps < config.maxSteps()) {
        if (supervisor != null && supervise(steps)) {
          end = EpisodeEnd.SUPERVISOR_STOP;
          break;
        }
        StepEnd stepEnd = step(steps);
        if (stepEnd.counts) {
          steps++;
        }
        if (stepEnd.episodeEnd != null) {
          end = stepEnd.episodeEnd;
          break;
        }
      }
      return finish(end, steps);
    }

    /**
     * Lets the supervisor run if due (never waiting for it), reports its finished calls and takes
     * its newest advice: a hint goes into the next prompt, a switch makes the next step prefer that
     * backend. Returns whether it advised to stop.
     */
    private boolean supervise(int step) {
      supervisor.tick(step);
      supervisor.drain().forEach(listener::onStep);
      Supervisor.Advice a = supervisor.take();
      if (a == null) {
        return false;
      }
      switch (a.action()) {
        case "hint" -> hint = a.text();
        case "switch" -> preferred = backends().contains(a.text().strip()) ? a.text().strip() : null;
        case "stop" -> {
          return true;
        }
        default -> { }
      }
      return false;
    }

    /** The episode as the supervisor reads it: task, recent steps, tests, cost. */
    private String snapshot() {
      StringBuilder sb = new StringBuilder(AgentPrompts.TASK_PREFIX).append(task.name()).append('\n');
      sb.append("Steps so far: ").append(history.size()).append(" of at most ").append(config.maxSteps())
          .append("; model calls: ").append(modelCalls).append("; invalid answers: ").append(invalidCalls)
          .append(String.format(java.util.Locale.ROOT, "; cost so far: $%.4f", cost)).append('\n');
      sb.append("Backends: ").append(backends()).append('\n');
      sb.append("Tests: ").append(lastReport == null ? "not run yet" : lastReport.summary()).append('\n');
      sb.append("Recent steps:");
      for (int i = Math.max(0, history.size() - 5); i < history.size(); i++) {
        AgentPrompts.Exchange e = history.get(i);
        String obs = e.observation().lines().findFirst().orElse("");
        sb.append('\n').append(i + 1).append(". ").append(e.call().brief()).append(" -> ")
            .append(obs.length() > 160 ? obs.substring(0, 160) + "..." : obs);
      }
      return sb.toString();
    }

    /** One step: ask until an answer is a valid tool call (or the step is given up), then run the tool. */
    private StepEnd step(int step) {
      StepCalls calls = new StepCalls(step, step == config.maxSteps() - 1);
      StepEnd end;
      do {
        end = callOnce(calls);
      } while (end == StepEnd.ASK_AGAIN);
      return end;
    }

    /** One routed call of a step, and what its answer leads to. */
    private StepEnd callOnce(StepCalls calls) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return StepEnd.TIME_LIMIT;
      }
      Reply reply = ask(calls, Duration.ofNanos(remaining));
      if (reply == null) {
        if (calls.refused && calls.failed.containsAll(backends())) {
          // Every backend refused this request: asking again would be refused again.
          return calls.contextFull ? StepEnd.CONTEXT_FULL : StepEnd.BACKEND_FAILURE;
        }
        return calls.failures > config.maxBackendFailures() ? StepEnd.BACKEND_FAILURE : StepEnd.ASK_AGAIN;
      }
      ChatResponse response = reply.routed().response();
      if (response.stopReason() == StopReason.DEADLINE || response.stopReason() == StopReason.CANCELLED) {
        return stopped(calls, reply);
      }
      ToolCallParser.Result parsed = parser.parse(response.text(), response.stopReason(), config.maxTokens());
      if (parsed instanceof ToolCallParser.Invalid invalid) {
        return invalid(calls, reply, new InvalidAnswer(reply.answer(), invalid.error()));
      }
      return runTool(calls, reply, ((ToolCallParser.Valid) parsed).call());
    }

    /** The task's difficulty label, or, for a task without one, the router's estimate from its spec. */
    private Difficulty difficulty() {
      if (difficulty == null) {
        difficulty = task.difficulty() != Difficulty.UNKNOWN ? task.difficulty() : routed.difficultyOf(task.spec());
      }
      return difficulty;
    }

    /**
     * Sends the conversation through the routed backend; every backend that failed on the way gets
     * its own line. Returns {@code null} when no backend answered.
     */
    private Reply ask(StepCalls calls, Duration remaining) {
      List<Message> messages = prompts.build(task, initialFiles, history, calls.reasks);
      if (hint != null) {
        Message last = messages.get(messages.size() - 1);
        messages.set(messages.size() - 1, new Message(last.role(), last.content() + "\n\nSupervisor's hint: " + hint));
      }
      Set<String> avoid = new LinkedHashSet<>(calls.failed);
      if (preferred != null && !calls.failed.contains(preferred)) {
        backends().stream().filter(b -> !b.equals(preferred)).forEach(avoid::add);
      }
      RouteContext context = new RouteContext(difficulty(), calls.step, lastOutcome(), Tokens.estimate(messages));
      ChatRequest request = ChatRequest.builder()
          .messages(messages)
          .jsonSchema(tools.schema())
          .maxTokens(config.maxTokens())
          .temperature(config.temperature())
          .seed(config.seed() + 1000L * calls.step + calls.attempt)
          .timeout(remaining)
          .build();
      Routed answered = null;
      String failure = null;
      Agent.this.calls.clear();
      try {
        answered = routed.route(request, context, TokenListener.NONE, avoid);
      } catch (BackendException e) {
        // Every backend failed: the step's next attempt avoids every backend that failed.
        LOG.debug("no backend answered: {}", e.getMessage());
        failure = e.getMessage();
      } catch (InvalidRequestException e) {
        // The chosen backend refused the request (a prompt that does not fit its context even after
        // compacting, say): the step's next attempt goes to another backend, never the same one again.
        LOG.debug("the request was refused: {}", e.getMessage());
        failure = e.getMessage();
        calls.refused = true;
        calls.contextFull |= e instanceof ContextOverflowException;
      }
      CallLog.Call answeredBy = record(calls, Agent.this.calls.drain(), failure, messages);
      return answered == null || answeredBy == null ? null : new Reply(answered, answeredBy, context, messages);
    }

    /**
     * Counts the backend calls one routed call made and reports each failed one; {@code failure} is
     * the routed call's own error when no backend answered. Returns the call that answered, or
     * {@code null}.
     */
    private CallLog.Call record(StepCalls calls, List<CallLog.Call> made, String failure, List<Message> messages) {
      modelCalls += made.size();
      CallLog.Call answeredBy = null;
      List<CallLog.Call> failed = new ArrayList<>();
      for (CallLog.Call c : made) {
        mock |= c.simulated();
        if (c.error() == null) {
          answeredBy = c;
        } else {
          failed.add(c);
          calls.failed.add(c.backend());
        }
      }
      if (failure != null && failed.isEmpty()) {
        failed.add(CallLog.Call.refused(routed.name(), failure));
      }
      for (int i = 0; i < failed.size(); i++) {
        calls.failures++;
        boolean ends = failure != null && i == failed.size() - 1
            && (calls.failures > config.maxBackendFailures() || calls.refused && calls.failed.containsAll(backends()));
        backendFailed(calls, failed.get(i), messages, ends);
      }
      return answeredBy;
    }

    /** Reports a backend that failed instead of answering; the routed backend already fed it back. */
    private void backendFailed(StepCalls calls, CallLog.Call call, List<Message> messages, boolean ends) {
      RouteDecision decision = new RouteDecision(call.backend(), -1, "failed", 1.0);
      if (ends) {
        count(call.backend());
      }
      emit(calls, call, decision, messages, 0, 0, 0, ends, new BackendError(call.error()));
    }

    /** The answer was cut short at the episode's deadline: the episode ends. */
    private StepEnd stopped(StepCalls calls, Reply reply) {
      feedback(calls, reply, 0, 0, true, true);
      count(reply.call().backend());
      emit(calls, reply, 0, 0, true, new Stopped(reply.answer()));
      return StepEnd.TIME_LIMIT;
    }

    /** An invalid answer: ask again with a corrective message, or give the step up after the last re-ask. */
    private StepEnd invalid(StepCalls calls, Reply reply, InvalidAnswer outcome) {
      String backend = reply.call().backend();
      invalidStats.invalid(backend, outcome.invalid().kind());
      invalidCalls++;
      boolean exhausted = calls.reasks.size() / 2 >= config.maxReasks();
      boolean terminal = exhausted && calls.last;
      feedback(calls, reply, 0, 0, terminal, false);
      emit(calls, reply, 0, 0, terminal, outcome);
      if (!exhausted) {
        calls.reasks.add(Message.assistant(reply.routed().response().text()));
        calls.reasks.add(Message.user(outcome.observation()));
        return StepEnd.ASK_AGAIN;
      }
      count(backend);
      history.add(new AgentPrompts.Exchange(new ToolCall("invalid_answer", Map.of()),
          "no valid tool call after " + calls.attempt + " answers; last problem: " + outcome.invalid().message()));
      return StepEnd.NEXT;
    }

    /** A valid call: run the tool, reward the step and decide whether the episode goes on. */
    private StepEnd runTool(StepCalls calls, Reply reply, ToolCall call) {
      hint = null;
      invalidStats.valid(reply.call().backend());
      count(reply.call().backend());
      Tool tool = tools.get(call.tool());
      long t0 = System.nanoTime();
      ToolResult result = tool.run(call, new ToolContext(ws, task, this::tests));
      double toolMillis = (System.nanoTime() - t0) / 1e6;
      if (tool.changesWorkspace() && result.ok()) {
        version++;
      }
      double success = success();
      TestReport report = result.tests() != null ? result.tests() : (evaluatedVersion == version ? lastReport : null);
      history.add(new AgentPrompts.Exchange(call, result.observation()));
      boolean stuck = repeated(call, result.observation());
      boolean terminal = result.finished() || calls.last || stuck;
      feedback(calls, reply, success, toolMillis, terminal, false);
      emit(calls, reply, success, toolMillis, terminal, new ToolRun(reply.answer(), call, result.observation(), report, toolMillis));
      if (result.finished()) {
        return StepEnd.FINISHED;
      }
      return stuck ? StepEnd.STUCK : StepEnd.NEXT;
    }

    /** Whether the same call gave the same observation {@link AgentConfig#stuckRepeats()} times in a row. */
    private boolean repeated(ToolCall call, String observation) {
      String key = call.toJson() + "\u0000" + observation;
      repeats = key.equals(lastKey) ? repeats + 1 : 1;
      lastKey = key;
      return repeats >= config.stuckRepeats();
    }

    /** Ends the episode: the final test run, the result to the listener, the policy saved when learning. */
    private EpisodeResult finish(EpisodeEnd end, int steps) {
      if (supervisor != null) {
        supervisor.close();
        supervisor.drain().forEach(listener::onStep);
      }
      TestReport fin = tests();
      EpisodeResult r = new EpisodeResult(runId, task.name(), task.difficulty(), task.language(), fin.allPassed(),
          fin.passFraction(), end, Math.min(steps, config.maxSteps()), modelCalls, invalidCalls,
          (System.nanoTime() - start) / 1_000_000, stepsPerBackend, cost, mock, fin);
      listener.onEpisode(r);
      if (config.learn()) {
        saver.save(routed.router());
      }
      LOG.debug("episode {} of {}: {} after {} steps", runId, task.name(), end, r.steps());
      return r;
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

    private void count(String backend) {
      stepsPerBackend.merge(backend, 1, Integer::sum);
    }

    /** The outcome of an answered call to the router: exactly one feedback per answered decision. */
    private void feedback(StepCalls calls, Reply reply, double success, double toolMillis, boolean terminal,
        boolean backendFailure) {
      Routed r = reply.routed();
      RouteContext next = terminal ? null
          : new RouteContext(difficulty(), calls.step + 1, lastOutcome(), reply.context().promptTokens());
      routed.router().feedback(r.decision(),
          new Outcome(success, r.latencySeconds() + toolMillis / 1000.0, r.cost(), terminal, backendFailure, next));
    }

    /** One line for an answered call; its cost counts towards the episode's. */
    private void emit(StepCalls calls, Reply reply, double success, double toolMillis, boolean terminal, StepOutcome outcome) {
      cost += reply.routed().cost();
      emit(calls, reply.call(), reply.routed().decision(), reply.messages(), success, reply.routed().cost(), toolMillis,
          terminal, outcome);
    }

    /** One line to the listener: a {@link StepRecord} scored with the router's reward. */
    private void emit(StepCalls calls, CallLog.Call call, RouteDecision decision, List<Message> messages, double success,
        double callCost, double toolMillis, boolean terminal, StepOutcome outcome) {
      double latency = (call.millis() + toolMillis) / 1000.0;
      listener.onStep(new StepRecord(runId, task.name(), calls.step, calls.attempt, call.at(), call.backend(),
          call.simulated(), decision, messages, call.millis(), success, callCost,
          routed.router().reward().of(success, latency, callCost), terminal, outcome));
      calls.attempt++;
    }
  }

  /** Builds an {@link Agent}; every setter returns the builder. */
  public static final class Builder {
    private final List<Backend> backends = new ArrayList<>();
    private final List<Price> prices = new ArrayList<>();
    private String spec;
    private RoutingPolicy policy;
    private RequestEstimator estimator;
    private RouterSettings settings = RouterSettings.defaults();
    private ToolSet tools = Tools.standard();
    private Evaluator evaluator;
    private AgentConfig config = AgentConfig.DEFAULT;
    private PolicySaver saver = PolicySaver.NONE;
    private InvalidCallStats invalidStats = new InvalidCallStats();
    private Backend summarizer;
    private final Map<String, RoutedBackend> roles = new LinkedHashMap<>();
    private Supervisor.Settings supervision;
    private java.util.concurrent.Executor supervisorExecutor;
    private double contextShare = ContextCompactor.DEFAULT_SHARE;

    private Builder() {}

    /**
     * The backend that compacts a prompt grown past {@link #contextShare} of a backend's context
     * (the {@code summarizer} role; default none). When it fails or is absent, the backend being
     * asked writes the summary; when that fails too, older steps are dropped with a marked note.
     * The system message and the task are always kept.
     */
    public Builder summarizer(Backend b) {
      this.summarizer = b;
      return this;
    }

    /**
     * Runs the asynchronous {@link Supervisor} in every episode with these settings (default: no
     * supervisor); the agent then needs the {@code supervisor} {@link #role}.
     */
    public Builder supervisor(Supervisor.Settings s) {
      this.supervision = s;
      return this;
    }

    /** Runs the supervisor's calls on this executor instead of a thread of its own (for tests). */
    Builder supervisorExecutor(java.util.concurrent.Executor e) {
      this.supervisorExecutor = e;
      return this;
    }

    /** Adds a role ({@code reviewer}, {@code tester}, ...) answered by its own routed backend. */
    public Builder role(String name, RoutedBackend routed) {
      roles.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(routed, "routed"));
      return this;
    }

    /** The share of each backend's context a prompt may fill before it is compacted (default 0.7). */
    public Builder contextShare(double share) {
      this.contextShare = share;
      return this;
    }

    /** Adds a free backend (a local model) to route among. Add backends cheapest first. */
    public Builder backend(Backend backend) {
      return backend(backend, Price.FREE);
    }

    /** Adds a backend with its price to route among. Add backends cheapest first. */
    public Builder backend(Backend backend, Price price) {
      backends.add(Objects.requireNonNull(backend, "backend"));
      prices.add(Objects.requireNonNull(price, "price"));
      return this;
    }

    /** Adds free backends to route among, in the collection's order. */
    public Builder backends(java.util.Collection<? extends Backend> free) {
      for (Backend b : free) {
        backend(b);
      }
      return this;
    }

    /** Estimates the difficulty of tasks without a label from their spec (default none: UNKNOWN). */
    public Builder estimator(RequestEstimator e) {
      this.estimator = Objects.requireNonNull(e, "estimator");
      return this;
    }

    /** The registry spec of the routing policy (default: the routed backend's, {@code rl.TabularQ}). */
    public Builder policy(String registrySpec) {
      this.spec = Objects.requireNonNull(registrySpec, "spec");
      this.policy = null;
      return this;
    }

    /** A ready routing policy, made for these backends in this order (one loaded from a policy file, say). */
    public Builder policy(RoutingPolicy ready) {
      this.policy = Objects.requireNonNull(ready, "policy");
      this.spec = null;
      return this;
    }

    /** Router tunables, the reward among them (default {@link RouterSettings#defaults()}). */
    public Builder settings(RouterSettings s) {
      this.settings = Objects.requireNonNull(s, "settings");
      return this;
    }

    /** The tools offered (default {@link Tools#standard()}). */
    public Builder tools(ToolSet t) {
      this.tools = Objects.requireNonNull(t, "tools");
      return this;
    }

    /** What runs the task's pristine tests (required; normally a sandbox test harness). */
    public Builder evaluator(Evaluator e) {
      this.evaluator = e;
      return this;
    }

    /** Limits and settings (default {@link AgentConfig#DEFAULT}). */
    public Builder config(AgentConfig c) {
      this.config = Objects.requireNonNull(c, "config");
      return this;
    }

    /** Saves the policy after each episode when {@link AgentConfig#learn()} is on (default: nothing). */
    public Builder policySaver(PolicySaver s) {
      this.saver = Objects.requireNonNull(s, "saver");
      return this;
    }

    /** Shares invalid-answer counts with other agents (default: a fresh one). */
    public Builder invalidCallStats(InvalidCallStats s) {
      this.invalidStats = Objects.requireNonNull(s, "stats");
      return this;
    }

    /**
     * Builds the agent and the routed backend all its calls go through.
     *
     * @throws AgentException when no backend was added, two share a name, or no evaluator was given
     */
    public Agent build() {
      if (backends.isEmpty()) {
        throw new AgentException("no backends to route among: add at least one");
      }
      if (evaluator == null) {
        throw new AgentException("no evaluator: give the agent something that runs the task's tests");
      }
      CallLog log = new CallLog();
      RoutedBackend.Builder b = RoutedBackend.builder().name("agent").settings(settings);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < backends.size(); i++) {
        Backend backend = backends.get(i);
        if (names.contains(backend.name())) {
          throw new AgentException("two backends are called '" + backend.name() + "': give each its own name");
        }
        names.add(backend.name());
        ContextCompactor compactor = ContextCompactor.builder(ContextWindow.of(backend)).share(contextShare)
            .summarizer(summarizer).primary(backend).pinned(1).cutNewest(true).build();
        b.backend(log.observe(SummarizingBackend.wrap(backend, compactor), backend), prices.get(i));
      }
      if (policy != null) {
        b.policy(policy);
      } else if (spec != null) {
        b.policy(spec);
      }
      if (estimator != null) {
        b.estimator(estimator);
      }
      if (roles.containsKey(ResearchTool.ROLE) && !tools.names().contains(ResearchTool.NAME)) {
        ToolSet.Builder withResearch = ToolSet.builder();
        tools.tools().forEach(withResearch::add);
        tools = withResearch.add(new ResearchTool(roles.get(ResearchTool.ROLE))).build();
      }
      if (supervision != null && !roles.containsKey(Supervisor.ROLE)) {
        throw new AgentException("a supervisor needs the 'supervisor' role: define it in the catalog's \"roles\"");
      }
      return new Agent(this, b.build(), log);
    }
  }
}
