package dev.llmux.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.agent.AgentConfig;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.team.ApprovalMode;
import dev.llmux.team.Approver;
import dev.llmux.team.Criterion;
import dev.llmux.team.Plan;
import dev.llmux.team.Subtask;
import dev.llmux.team.SubtaskState;
import dev.llmux.team.Team;
import dev.llmux.team.TeamEvent;
import dev.llmux.team.TeamRunner;
import dev.llmux.team.TeamSetup;
import dev.llmux.team.TeamWorker;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStatus;
import dev.llmux.team.store.RunStore;
import dev.llmux.team.store.RunStores;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llmux team run NAME TASK --dir DIR}, and resume, status and worker, which share its store option. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "The lead plans TASK, the plan is checked and approved, teammates run the subtasks; ends with a summary table. "
        + "Exit 0 when every subtask is done, 1 when one failed or the plan was not approved, 3 when the store is unreachable.")
final class TeamRunCommand implements Callable<Integer> {

  static final String STORE_HELP = "Where runs live: redis://HOST:PORT/DB (Valkey or Redis, shared by worker processes), or a "
      + "folder (default: $XDG_DATA_HOME/llmux/team-runs, else ~/.local/share/llmux/team-runs).";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin TeamOptions where;

  @Parameters(index = "0", paramLabel = "NAME", description = "The team (llmux team list).")
  String name;

  @Parameters(index = "1", paramLabel = "TASK", description = "What the team should do.")
  String task;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The run's workspace folder; the merged result is written back here.")
  Path dir;

  @Option(names = "--store", paramLabel = "URL", description = STORE_HELP)
  String store;

  @Option(names = "--ui", paramLabel = "MODE", description = "Progress: inline, bar or json (default: the team's).")
  String ui;

  @Option(names = "--approval", paramLabel = "MODE", description = "auto, ask or criteria (default: the team's).")
  String approval;

  @Option(names = "--parallel", paramLabel = "N",
      description = "Teammates in this process (default: the team's); 0 leaves the subtasks to llmux team worker processes.")
  Integer parallel;

  @Option(names = "--max-steps", defaultValue = "12", paramLabel = "N",
      description = "Agent steps per teammate episode, for catalog teammates (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Override
  public Integer call() throws Exception {
    Team team = where.teams().load(name);
    team = override(team);
    TeamRunner.checkTask(task);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (RunStore runs = RunStores.open(store, System.getenv());
        TeamSetup setup = TeamSetup.open(team, true, Path.of("").toAbsolutePath(), Sandbox.detect(), agentConfig(maxSteps))) {
      if (setup.mock()) {
        err.println("[MOCK] team " + team.name() + ": the lead or the teammates are scripted, not models");
      }
      TeamRunner runner = runner(runs, setup, team.approval(), err);
      RunInfo run = runner.start(team, task, dir);
      err.println("run " + run.id() + " (store " + runs.describe() + "); resume with: llmux team resume " + run.id()
          + (store == null ? "" : " --store " + (store.startsWith("redis://") ? runs.describe() : store)));
      err.flush();
      return execute(runner, runs, run.id(), team.ui(), out);
    }
  }

  static AgentConfig agentConfig(int maxSteps) {
    if (maxSteps < 1 || maxSteps > 1000) {
      throw new UsageException("--max-steps " + maxSteps + ": give 1 to 1000");
    }
    return AgentConfig.builder().maxSteps(maxSteps).build();
  }

  private TeamRunner runner(RunStore runs, TeamSetup setup, ApprovalMode mode, PrintWriter err) {
    TeamRunner.Builder b = TeamRunner.builder().store(runs).lead(setup.lead()).teammate(setup.teammate()).checks(setup.checks());
    if (mode == ApprovalMode.ASK) {
      b.approver(new StdinApprover(err));
    }
    if (parallel != null) {
      if (parallel < 0 || parallel > 32) {
        throw new UsageException("--parallel " + parallel + ": give 0 to 32");
      }
      b.parallel(parallel);
    }
    return b.build();
  }

  private Team override(Team t) {
    String u = ui == null ? t.ui() : ui;
    ApprovalMode a = approval == null ? t.approval() : ApprovalMode.of(approval);
    try {
      return new Team(t.name(), t.lead(), t.catalog(), t.workflow(), t.teammates(), t.parallel(), a, u, t.budget(), t.mockMillis());
    } catch (dev.llmux.team.TeamException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** Runs (or resumes) a run with progress, prints the summary and returns the exit status. */
  static int execute(TeamRunner runner, RunStore runs, String id, String ui, PrintWriter out) throws InterruptedException {
    RunInfo done;
    try (TeamProgress progress = new TeamProgress(runs, id, ui, out).start()) {
      done = runner.execute(id);
    }
    TeamProgress.summary(runs, done, ui, out);
    if (done.status() == RunStatus.STOPPED) {
      return lastCriteriaPassed(done) && done.team().approval() == ApprovalMode.CRITERIA ? ExitCodes.OK : ExitCodes.FAILED;
    }
    boolean allDone = runs.subtasks(id).stream().allMatch(r -> r.state() == SubtaskState.DONE);
    return allDone ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static boolean lastCriteriaPassed(RunInfo run) {
    for (int i = run.history().size() - 1; i >= 0; i--) {
      JsonNode h = run.history().get(i);
      if (h.path("kind").asText().equals("decision")) {
        return h.path("criteriaPassed").asBoolean(false);
      }
    }
    return false;
  }

  /** Ask mode at the terminal: shows the plan and the criteria on stderr, reads approve or reject from stdin. */
  static final class StdinApprover implements Approver {
    private final PrintWriter err;
    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    StdinApprover(PrintWriter err) {
      this.err = err;
    }

    @Override
    public Decision decide(Plan plan, List<Criterion> criteria) {
      err.println("The lead's plan:");
      for (Subtask s : plan.subtasks()) {
        err.printf("  %s %s [%s] files %s after %s; checks %s%n", s.id(), s.title(), s.size().label(), s.files(), s.dependencies(),
            s.acceptance());
      }
      criteria.forEach(c -> err.println("  " + c.line()));
      err.print("approve? (y = approve, anything else = reject with that text as feedback): ");
      err.flush();
      try {
        String line = in.readLine();
        if (line == null) {
          return new Decision(false, "no answer (end of input)");
        }
        String t = line.strip();
        return t.equalsIgnoreCase("y") || t.equalsIgnoreCase("yes") || t.equalsIgnoreCase("approve")
            ? new Decision(true, "") : new Decision(false, t.isEmpty() ? "rejected without a reason" : t);
      } catch (IOException e) {
        return new Decision(false, "cannot read the answer: " + e.getMessage());
      }
    }
  }

  /** {@code llmux team resume RUN}. */
  @Command(name = "resume", mixinStandardHelpOptions = true,
      description = "Takes a stopped or killed run on from where its store says it stands; finished subtasks do not run again.")
  static final class Resume implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's id.")
    String id;

    @Option(names = "--store", paramLabel = "URL", description = STORE_HELP)
    String store;

    @Option(names = "--ui", paramLabel = "MODE", description = "Progress: inline, bar or json (default: the team's).")
    String ui;

    @Option(names = "--max-steps", defaultValue = "12", paramLabel = "N",
        description = "Agent steps per teammate episode, for catalog teammates (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Override
    public Integer call() throws Exception {
      try (RunStore runs = RunStores.open(store, System.getenv())) {
        RunInfo run = runs.run(id);
        Team team = run.team();
        try (TeamSetup setup = TeamSetup.open(team, run.status() == RunStatus.PLANNING, Path.of("").toAbsolutePath(),
            Sandbox.detect(), agentConfig(maxSteps))) {
          TeamRunner runner = TeamRunner.builder().store(runs).lead(setup.lead()).teammate(setup.teammate()).checks(setup.checks())
              .approver(new StdinApprover(spec.commandLine().getErr())).build();
          String mode = ui == null ? team.ui() : ui;
          if (!dev.llmux.team.Team.UIS.contains(mode)) {
            throw new UsageException("--ui " + mode + ": use inline, bar or json");
          }
          return execute(runner, runs, id, mode, spec.commandLine().getOut());
        }
      }
    }
  }

  /** {@code llmux team status [RUN]}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Without RUN lists the runs; with RUN shows its state, approval history, subtasks and latest events.")
  static final class Status implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "The run's id.")
    String id;

    @Option(names = "--store", paramLabel = "URL", description = STORE_HELP)
    String store;

    @Option(names = "--json", description = "One JSON object: the run's record and its subtasks.")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (RunStore runs = RunStores.open(store, System.getenv())) {
        if (id == null) {
          for (String r : runs.runs()) {
            RunInfo info = runs.run(r);
            String t = info.task().replace('\n', ' ');
            out.printf("%-22s %-9s %-16s %s%n", r, info.status().name().toLowerCase(Locale.ROOT), info.team().name(),
                t.length() > 60 ? t.substring(0, 57) + "..." : t);
          }
          return ExitCodes.OK;
        }
        RunInfo run = runs.run(id);
        if (json) {
          var o = run.toJson();
          var list = o.putArray("subtasks");
          runs.subtasks(id).forEach(r -> list.add(r.toJson()));
          out.println(o);
          return ExitCodes.OK;
        }
        out.println("task: " + run.task());
        out.println("team: " + run.team().name() + ", folder " + run.dir() + ", store " + runs.describe());
        for (JsonNode h : run.history()) {
          if (h.path("kind").asText().equals("review") && h.has("criteria")) {
            out.println("review of plan " + h.path("attempt").asInt() + ":");
            h.path("criteria").forEach(c -> out.println("  " + new Criterion(c.path("name").asText(), c.path("passed").asBoolean(),
                c.path("detail").asText()).line()));
          } else if (h.path("kind").asText().equals("review")) {
            out.println("review of plan " + h.path("attempt").asInt() + ": not valid: " + h.path("problems"));
          } else if (h.path("kind").asText().equals("decision")) {
            out.println("decision: " + h.path("decision").asText() + " (" + h.path("by").asText() + ")"
                + (h.has("feedback") ? ": " + h.path("feedback").asText() : ""));
          }
        }
        TeamProgress.summary(runs, run, "inline", out);
        List<TeamEvent> events = runs.events(id, 0);
        out.println("latest events:");
        events.subList(Math.max(0, events.size() - 10), events.size()).forEach(e -> out.println("  " + e.line()));
        return ExitCodes.OK;
      }
    }
  }

  /** {@code llmux team worker --store URL}. */
  @Command(name = "worker", mixinStandardHelpOptions = true,
      description = "A teammate process: joins the running runs of a shared store (Valkey/Redis) and runs their ready subtasks.")
  static final class Worker implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, paramLabel = "URL", description = "redis://HOST:PORT/DB (Valkey or Redis).")
    String store;

    @Option(names = "--parallel", defaultValue = "1", paramLabel = "N", description = "Teammates in this process (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--name", paramLabel = "NAME", description = "This worker's name in leases and events (default: w-PID).")
    String name;

    @Option(names = "--lease", defaultValue = "15", paramLabel = "SECONDS",
        description = "How long a claim lasts without renewal; a killed worker's subtask is taken over after it (default: ${DEFAULT-VALUE}).")
    long leaseSeconds;

    @Option(names = "--idle-exit", defaultValue = "-1", paramLabel = "SECONDS",
        description = "Exit after this long with no running run (default: never).")
    long idleExit;

    @Override
    public Integer call() throws Exception {
      if (!store.startsWith("redis://")) {
        throw new UsageException("--store " + store + ": workers share a run through Valkey/Redis: give redis://HOST:PORT/DB");
      }
      if (parallel < 1 || parallel > 32 || leaseSeconds < 1) {
        throw new UsageException("--parallel takes 1 to 32 and --lease at least 1 second");
      }
      String who = name == null ? "w-" + ProcessHandle.current().pid() : name;
      try (RunStore runs = RunStores.open(store, System.getenv())) {
        spec.commandLine().getErr().println("worker " + who + " joined " + runs.describe());
        spec.commandLine().getErr().flush();
        var joined = new TeamWorker(runs, Sandbox.detect(), parallel, who, leaseSeconds * 1000, Path.of("").toAbsolutePath())
            .work(idleExit < 0 ? -1 : idleExit * 1000);
        spec.commandLine().getOut().println("worker " + who + " worked on " + joined.size() + " runs: " + String.join(", ", joined));
        return ExitCodes.OK;
      }
    }
  }
}
