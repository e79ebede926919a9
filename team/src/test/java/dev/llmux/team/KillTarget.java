package dev.llmux.team;

import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.team.mock.ScriptedLead;
import dev.llmux.team.mock.ScriptedTeammate;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStore;
import dev.llmux.team.store.RunStores;
import java.nio.file.Path;
import java.util.List;

/**
 * A process for kill tests: {@code run STORE DIR MILLIS PARALLEL} starts an 8-subtask [MOCK] run
 * (printing its id first) and {@code worker STORE LEASE_MS NAME} joins a Redis run as a worker.
 */
public final class KillTarget {

  private KillTarget() {}

  /** Runs as the arguments say. */
  public static void main(String[] args) throws Exception {
    try (RunStore store = RunStores.open(args[1], System.getenv())) {
      if (args[0].equals("run")) {
        Team team = new Team("t", "mock:x", "", "solo", "mock", Integer.parseInt(args[4]), ApprovalMode.AUTO, "inline",
            Budget.DEFAULT, Long.parseLong(args[3]));
        TeamRunner runner = TeamRunner.builder().store(store).lead(new ScriptedLead(List.of(Plans.eight("x").toJsonText())))
            .teammate(new ScriptedTeammate(team.mockMillis())).checks(new AcceptanceChecks(Sandbox.detect())).build();
        RunInfo run = runner.start(team, "task", Path.of(args[2]));
        System.out.println(run.id());
        System.out.flush();
        runner.execute(run.id());
      } else {
        new TeamWorker(store, Sandbox.detect(), 1, args[3], Long.parseLong(args[2]), Path.of(".")).work(-1);
      }
    }
    System.exit(0);
  }
}
