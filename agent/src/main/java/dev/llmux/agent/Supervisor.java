package dev.llmux.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.tools.InvalidCall;
import dev.llmux.engine.Cancellation;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.Message;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Tokens;
import dev.llmux.router.RoutedBackend;
import dev.llmux.router.RoutedBackend.Routed;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The asynchronous supervisor of one episode: on its own thread, every {@link Settings#everySteps}
 * steps or {@link Settings#every} (whichever comes first), it sends the {@code supervisor} role a
 * snapshot of the episode (recent steps, tests, cost) and reads its JSON advice: {@code continue},
 * a {@code hint} for the next step, {@code switch} the loop to one model, or {@code stop} with a
 * reason. The main loop never waits for it: it takes the newest advice at its next step. Its calls
 * have their own budget ({@link Settings#maxCalls}), are cancelled when the episode ends, and are
 * handed to the main loop as trajectory lines (role {@code supervisor}).
 */
public final class Supervisor implements AutoCloseable {

  /** The supervisor's answer schema. */
  static final String SCHEMA = """
      {"type": "object", "properties": {
        "action": {"type": "string", "enum": ["continue", "hint", "switch", "stop"]},
        "text": {"type": "string"}},
       "required": ["action", "text"], "additionalProperties": false}""";

  /** The role's name. */
  static final String ROLE = "supervisor";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * When and how much the supervisor runs.
   *
   * @param everySteps run after this many steps since its last run
   * @param every run when this long passed since its last run
   * @param maxCalls the most supervisor calls per episode
   */
  public record Settings(int everySteps, Duration every, int maxCalls) {

    /** Every 3 steps or 30 seconds, at most 5 calls an episode. */
    public static final Settings DEFAULT = new Settings(3, Duration.ofSeconds(30), 5);

    /** Checks the values. */
    public Settings {
      Objects.requireNonNull(every, "every");
      if (everySteps < 1 || every.isNegative() || every.isZero() || maxCalls < 1) {
        throw new IllegalArgumentException("invalid supervisor settings: " + this);
      }
    }
  }

  /**
   * One piece of advice.
   *
   * @param action continue, hint, switch or stop
   * @param text the hint, the model to switch to, or the reason to stop
   */
  record Advice(String action, String text) {}

  private final RoutedBackend role;
  private final Settings settings;
  private final Task task;
  private final String runId;
  private final Supplier<String> snapshot;
  private final ExecutorService thread;
  private final Executor executor;
  private final AtomicReference<Advice> advice = new AtomicReference<>();
  private final List<StepRecord> records = new ArrayList<>();
  private final Cancellation cancel = new Cancellation();
  private Future<?> running;
  private int calls;
  private int lastStep;
  private long lastRun = System.nanoTime();

  /**
   * A supervisor of one episode; its calls run on {@code executor}, or on a thread of its own when
   * that is {@code null} (tests pass a direct executor to make the hand-over of advice deterministic).
   */
  Supervisor(RoutedBackend role, Settings settings, Task task, String runId, Supplier<String> snapshot, Executor executor) {
    this.thread = executor != null ? null : Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "llmux-supervisor");
      t.setDaemon(true);
      return t;
    });
    this.executor = executor != null ? executor : thread;
    this.role = role;
    this.settings = settings;
    this.task = task;
    this.runId = runId;
    this.snapshot = snapshot;
  }

  /** Called by the main loop before each step: starts a run when one is due and none is running. */
  void tick(int step) {
    boolean due = step - lastStep >= settings.everySteps()
        || System.nanoTime() - lastRun >= settings.every().toNanos();
    if (!due || calls >= settings.maxCalls() || (running != null && !running.isDone())) {
      return;
    }
    lastStep = step;
    lastRun = System.nanoTime();
    calls++;
    String state = snapshot.get();
    running = CompletableFuture.runAsync(() -> ask(step, state), executor);
  }

  /** The newest advice not yet taken, or {@code null}. */
  Advice take() {
    return advice.getAndSet(null);
  }

  /** The supervisor's trajectory lines made since the last drain, for the main loop to report. */
  synchronized List<StepRecord> drain() {
    List<StepRecord> out = List.copyOf(records);
    records.clear();
    return out;
  }

  /** How many calls it made. */
  int calls() {
    return calls;
  }

  private void ask(int step, String state) {
    List<Message> messages = List.of(Message.system("You supervise a programming agent. Read the state of its episode and"
        + " answer with one JSON object: {\"action\": \"continue\" | \"hint\" | \"switch\" | \"stop\", \"text\": a hint"
        + " for the next step, the model to switch to, or why to stop}."), Message.user(state));
    ChatRequest request = ChatRequest.builder().messages(messages).jsonSchema(SCHEMA).maxTokens(256).temperature(0)
        .cancellation(cancel).timeout(settings.every()).build();
    Instant at = Instant.now();
    long t0 = System.nanoTime();
    StepOutcome outcome;
    RouteDecision decision;
    double cost = 0;
    try {
      Routed r = role.route(request, new RouteContext(task.difficulty(), step, RouteContext.LastOutcome.NONE,
          Tokens.estimate(messages)), TokenListener.NONE);
      decision = r.decision();
      cost = r.cost();
      ChatResponse resp = r.response();
      StepOutcome.Answer answer = new StepOutcome.Answer(resp.text(), resp.stopReason(), resp.usage(),
          resp.timings().timeToFirstTokenMillis());
      Advice a = parse(resp);
      if (resp.stopReason() == StopReason.CANCELLED || resp.stopReason() == StopReason.DEADLINE) {
        outcome = new StepOutcome.Stopped(answer);
      } else if (a == null) {
        outcome = new StepOutcome.InvalidAnswer(answer, new InvalidCall(InvalidCall.Kind.NOT_JSON,
            "the supervisor did not answer with one complete JSON object"));
      } else {
        if (!a.action().equals("continue")) {
          advice.set(a);
        }
        outcome = new StepOutcome.Reply(answer, a.action() + ": " + a.text());
      }
      role.router().feedback(decision, new Outcome(a == null ? 0 : 1, r.latencySeconds(), r.cost(), true, false, null));
    } catch (RuntimeException e) {
      decision = new RouteDecision(role.name(), -1, "failed", 1.0);
      outcome = new StepOutcome.BackendError(String.valueOf(e.getMessage()));
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    boolean mock = decision.backend().startsWith("mock-");
    synchronized (this) {
      records.add(new StepRecord(runId, task.name(), step, 0, at, decision.backend(), mock, decision, messages, ms, 0, cost,
          0, false, outcome, ROLE, StepRecord.SOLO));
    }
  }

  private static Advice parse(ChatResponse r) {
    if (r.stopReason() != StopReason.END && r.stopReason() != StopReason.STOP_STRING) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(r.text());
      if (n == null || !n.isObject() || !n.has("action")) {
        return null;
      }
      return new Advice(n.path("action").asText(), n.path("text").asText(""));
    } catch (IOException e) {
      return null;
    }
  }

  /** Cancels a call in flight and stops the thread, waiting a little for it to finish. */
  @Override
  public void close() {
    cancel.cancel();
    if (thread == null) {
      return;
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
