package dev.llmux.team;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.BackendException;
import dev.llmux.engine.json.JsonFields;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStatus;
import dev.llmux.team.store.RunStore;
import dev.llmux.team.store.SubtaskRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A team run from task to summary: the lead plans ({@link Lead}, answers under {@link PlanSchema})
 * -> {@link Plan#parse} and {@link PlanCheck} (problems go back to the lead, at most
 * {@link Budget#maxPlanAttempts()} plans) -> {@link Approval} criteria and the team's
 * {@link ApprovalMode} -> the {@link Scheduler} -> the merged files written back into the run's
 * folder ({@link WorkspaceFiles#writeBack}) -> the summary. Every plan, review and decision goes
 * into the run's history in the store, every state change into the store, so {@link #execute}
 * resumes a run from wherever it stopped.
 */
public final class TeamRunner {

  /** The longest task text accepted. */
  public static final int MAX_TASK_CHARS = 16_000;

  private final RunStore store;
  private final Lead lead;
  private final Teammate teammate;
  private final AcceptanceChecks checks;
  private final Approver approver;
  private final String worker;
  private final long leaseMillis;
  private final long storeOutageMillis;
  private final Backoff backoff;
  private final int parallel;

  private TeamRunner(Builder b) {
    this.store = Objects.requireNonNull(b.store, "store");
    this.lead = b.lead;
    this.teammate = Objects.requireNonNull(b.teammate, "teammate");
    this.checks = Objects.requireNonNull(b.checks, "checks");
    this.approver = b.approver;
    this.worker = b.worker;
    this.leaseMillis = b.leaseMillis;
    this.storeOutageMillis = b.storeOutageMillis;
    this.backoff = b.backoff;
    this.parallel = b.parallel;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A fresh run id: {@code yyyyMMdd-HHmmss-xxxx}. */
  public static String newRunId() {
    return LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
  }

  /** Throws when the task is empty or too large. */
  public static void checkTask(String task) {
    if (task == null || task.isBlank()) {
      throw new TeamException("the task is empty: say what the team should build, e.g. \"write a CSV parser with tests\"");
    }
    if (task.length() > MAX_TASK_CHARS) {
      throw new TeamException("the task is too large (" + task.length() + " characters, at most " + MAX_TASK_CHARS
          + "): shorten it or put the details in a file in the workspace");
    }
  }

  /** Records a new run of {@code team} on {@code task} in the folder {@code dir} (its files are the starting workspace). */
  public RunInfo start(Team team, String task, Path dir) {
    checkTask(task);
    if (!Files.isDirectory(dir)) {
      throw new TeamException("--dir " + dir + " is not a folder: create it or name an existing one");
    }
    Map<String, String> files = WorkspaceFiles.read(dir);
    RunInfo run = new RunInfo(newRunId(), team, task, dir.toAbsolutePath().normalize().toString(), System.currentTimeMillis(),
        RunStatus.PLANNING, "", JsonFields.mapper().createArrayNode());
    store.create(run, files);
    event(run.id(), "run", "team " + team.name() + ", " + team.parallel() + " teammates, approval " + team.approval().label()
        + ", store " + store.describe());
    return run;
  }

  /**
   * Takes a run on from where it stands (a fresh one, or one whose process was killed): plans and
   * approves when no plan was approved, runs what is not finished, writes the merged files back.
   */
  public RunInfo execute(String runId) throws InterruptedException {
    RunInfo run = store.run(runId);
    store.attach(runId, worker);
    if (run.status() == RunStatus.PLANNING) {
      run = planAndApprove(run);
    }
    if (run.status() == RunStatus.RUNNING) {
      Plan plan = Plan.parse(run.plan());
      int n = parallel >= 0 ? parallel : run.team().parallel();
      if (n > 0) {
        new Scheduler(store, teammate, checks, run.team().budget(), n, worker, leaseMillis, storeOutageMillis, backoff)
            .run(runId, run.task(), plan);
      } else {
        awaitWorkers(runId);
      }
      run = store.run(runId).withStatus(RunStatus.FINISHED);
      store.save(run);
      event(runId, "finished", counts(store.subtasks(runId)));
    }
    if (run.status() == RunStatus.FINISHED) {
      List<String> conflicts = WorkspaceFiles.writeBack(Path.of(run.dir()), store.baseFiles(runId), store.files(runId), runId);
      if (!conflicts.isEmpty()) {
        event(runId, "conflict", "changed in " + run.dir() + " during the run, kept as they are; the team's versions are beside"
            + " them as NAME.team-" + runId + ": " + String.join(", ", conflicts));
      }
    }
    return run;
  }

  /** Waits while other processes ({@code llmux team worker}) run the subtasks. */
  private void awaitWorkers(String runId) throws InterruptedException {
    event(runId, "wait", "no teammates in this process: waiting for workers (llmux team worker --store " + store.describe() + ")");
    int outage = 0;
    while (true) {
      try {
        if (store.subtasks(runId).stream().allMatch(r -> r.state().terminal())) {
          return;
        }
        outage = 0;
        Thread.sleep(300);
      } catch (dev.llmux.team.store.StoreUnavailableException e) {
        outage++;
        Thread.sleep(backoff.delayMillis(outage));
      }
    }
  }

  private static String counts(List<SubtaskRecord> records) {
    long done = records.stream().filter(r -> r.state() == SubtaskState.DONE).count();
    long failed = records.stream().filter(r -> r.state() == SubtaskState.FAILED).count();
    long skipped = records.stream().filter(r -> r.state() == SubtaskState.SKIPPED).count();
    return done + " done, " + failed + " failed, " + skipped + " skipped";
  }

  private RunInfo planAndApprove(RunInfo run) throws InterruptedException {
    if (lead == null) {
      throw new TeamException("run " + run.id() + " has no approved plan and this process has no lead to plan it");
    }
    Team team = run.team();
    List<String> feedback = new ArrayList<>();
    List<String> files = new ArrayList<>(store.baseFiles(run.id()).keySet());
    for (int attempt = 1; attempt <= team.budget().maxPlanAttempts(); attempt++) {
      String text;
      try {
        text = askLead(run, files, feedback);
      } catch (PlanFormatException e) {
        text = "";
        run.record(entry("review", attempt).put("valid", false).put("problem", e.getMessage()));
        store.save(run);
        event(run.id(), "review", "plan " + attempt + " is not valid: " + e.getMessage());
        feedback.add("Plan " + attempt + " was rejected: " + e.getMessage());
        continue;
      }
      run.record(entry("plan", attempt).put("text", text.length() > Plan.MAX_CHARS ? text.substring(0, Plan.MAX_CHARS) : text));
      Plan plan;
      List<String> problems;
      try {
        plan = Plan.parse(text);
        problems = PlanCheck.problems(plan);
      } catch (PlanFormatException e) {
        plan = null;
        problems = List.of(e.getMessage());
      }
      if (!problems.isEmpty()) {
        ArrayNode p = JsonFields.mapper().createArrayNode();
        problems.forEach(p::add);
        ObjectNode review = entry("review", attempt).put("valid", false);
        review.set("problems", p);
        store.save(run.record(review));
        event(run.id(), "review", "plan " + attempt + " is not valid: " + String.join("; ", problems));
        feedback.add("Plan " + attempt + " was rejected: " + String.join("; ", problems));
        continue;
      }
      List<Criterion> criteria = Approval.check(plan, team.budget());
      ArrayNode c = JsonFields.mapper().createArrayNode();
      criteria.forEach(k -> c.addObject().put("name", k.name()).put("passed", k.passed()).put("detail", k.detail()));
      ObjectNode review = entry("review", attempt).put("valid", true).put("subtasks", plan.subtasks().size());
      review.set("criteria", c);
      run.record(review);
      for (Criterion k : criteria) {
        event(run.id(), "review", k.line());
      }
      boolean passed = Approval.passed(criteria);
      switch (team.approval()) {
        case CRITERIA -> {
          run.record(entry("decision", attempt).put("decision", "stopped").put("by", "criteria").put("criteriaPassed", passed));
          run = run.withStatus(RunStatus.STOPPED);
          store.save(run);
          event(run.id(), "decision", "criteria mode: stopped with the report (criteria " + (passed ? "passed" : "failed") + ")");
          return run;
        }
        case AUTO -> {
          if (passed) {
            return approve(run, plan, text, attempt, "auto");
          }
          String failed = failedCriteria(criteria);
          run.record(entry("decision", attempt).put("decision", "rejected").put("by", "auto").put("feedback", failed));
          store.save(run);
          event(run.id(), "decision", "rejected (auto): " + failed);
          feedback.add("Plan " + attempt + " failed the approval criteria: " + failed);
        }
        case ASK -> {
          Approver.Decision d = approver == null ? new Approver.Decision(false, "no one to ask") : approver.decide(plan, criteria);
          if (d.approved()) {
            return approve(run, plan, text, attempt, "user");
          }
          run.record(entry("decision", attempt).put("decision", "rejected").put("by", "user").put("feedback", d.feedback()));
          store.save(run);
          event(run.id(), "decision", "rejected: " + d.feedback());
          feedback.add("Plan " + attempt + " was rejected by the reviewer: " + d.feedback());
        }
      }
    }
    run = run.withStatus(RunStatus.STOPPED);
    run.record(entry("decision", 0).put("decision", "gave up").put("by", "budget"));
    store.save(run);
    event(run.id(), "decision", "no approved plan after " + team.budget().maxPlanAttempts() + " attempts: stopped");
    return run;
  }

  private String askLead(RunInfo run, List<String> files, List<String> feedback) throws InterruptedException {
    int outages = 0;
    while (true) {
      try {
        return lead.plan(run.task(), files, feedback);
      } catch (BackendException e) {
        outages++;
        if (outages > run.team().budget().maxOutageRetries()) {
          throw e;
        }
        long wait = backoff.delayMillis(outages);
        event(run.id(), "outage", "the lead's backend failed (" + e.getMessage() + "); retrying in " + wait + " ms");
        Thread.sleep(wait);
      }
    }
  }

  private RunInfo approve(RunInfo run, Plan plan, String text, int attempt, String by) {
    run.record(entry("decision", attempt).put("decision", "approved").put("by", by));
    RunInfo approved = run.withPlan(plan.toJsonText()).withStatus(RunStatus.RUNNING);
    store.addSubtasks(run.id(), PlanCheck.order(plan));
    store.save(approved);
    event(run.id(), "decision", "plan " + attempt + " approved (" + by + "): " + plan.subtasks().size() + " subtasks, order "
        + String.join(" ", PlanCheck.order(plan)));
    return approved;
  }

  private static String failedCriteria(List<Criterion> criteria) {
    List<String> out = new ArrayList<>();
    for (Criterion c : criteria) {
      if (!c.passed()) {
        out.add(c.name() + ": " + c.detail());
      }
    }
    return String.join("; ", out);
  }

  private static ObjectNode entry(String kind, int attempt) {
    return JsonFields.mapper().createObjectNode().put("kind", kind).put("attempt", attempt).put("time", System.currentTimeMillis());
  }

  private void event(String runId, String kind, String message) {
    store.append(TeamEvent.of(runId, kind, "", 0, worker, message));
  }

  /** Builds a {@link TeamRunner}. */
  public static final class Builder {
    private RunStore store;
    private Lead lead;
    private Teammate teammate;
    private AcceptanceChecks checks;
    private Approver approver;
    private String worker = "w-" + ProcessHandle.current().pid();
    private long leaseMillis = 15_000;
    private long storeOutageMillis = 300_000;
    private Backoff backoff = Backoff.DEFAULT;
    private int parallel = -1;

    private Builder() {}

    /**
     * Teammates in this process, instead of the team's {@code parallel}; 0 leaves the subtasks to
     * worker processes ({@code llmux team worker}) and waits for them.
     */
    public Builder parallel(int n) {
      this.parallel = n;
      return this;
    }

    /** Where runs live (required). */
    public Builder store(RunStore s) {
      this.store = s;
      return this;
    }

    /** Who plans (required to start a run; a worker that only resumes running runs needs none). */
    public Builder lead(Lead l) {
      this.lead = l;
      return this;
    }

    /** What works on subtasks (required). */
    public Builder teammate(Teammate t) {
      this.teammate = t;
      return this;
    }

    /** What runs acceptance checks (required). */
    public Builder checks(AcceptanceChecks c) {
      this.checks = c;
      return this;
    }

    /** Who decides in ask mode (default: nobody, so ask mode rejects). */
    public Builder approver(Approver a) {
      this.approver = a;
      return this;
    }

    /** This process's name in leases and events (default {@code w-PID}). */
    public Builder worker(String w) {
      this.worker = w;
      return this;
    }

    /** How long a claim lasts without renewal (default 15 s). */
    public Builder leaseMillis(long ms) {
      this.leaseMillis = ms;
      return this;
    }

    /** How long an unreachable store is retried (default 300 s). */
    public Builder storeOutageMillis(long ms) {
      this.storeOutageMillis = ms;
      return this;
    }

    /** Delays between retries (default {@link Backoff#DEFAULT}). */
    public Builder backoff(Backoff b) {
      this.backoff = b;
      return this;
    }

    /** Builds the runner. */
    public TeamRunner build() {
      return new TeamRunner(this);
    }
  }
}
