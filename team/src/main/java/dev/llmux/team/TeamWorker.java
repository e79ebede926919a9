package dev.llmux.team;

import dev.llmux.agent.AgentConfig;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.team.store.RunInfo;
import dev.llmux.team.store.RunStatus;
import dev.llmux.team.store.RunStore;
import dev.llmux.team.store.StoreUnavailableException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A teammate process ({@code llmux team worker --store URL}): joins every running run in the
 * store, one after another, and runs its ready subtasks with the run's own team settings (its
 * teammate kind and budget; {@code parallel} of this process's choosing). Leases make this safe
 * next to any number of other workers and the run's own process.
 */
public final class TeamWorker {

  private static final Logger LOG = LoggerFactory.getLogger(TeamWorker.class);

  private final RunStore store;
  private final Sandbox sandbox;
  private final int parallel;
  private final String name;
  private final long leaseMillis;
  private final Path base;

  /**
   * A worker.
   *
   * @param store the shared store
   * @param sandbox where acceptance checks run
   * @param parallel teammates of this process
   * @param name this worker's name in leases and events
   * @param leaseMillis claim lifetime without renewal
   * @param base the folder relative paths of teams resolve against
   */
  public TeamWorker(RunStore store, Sandbox sandbox, int parallel, String name, long leaseMillis, Path base) {
    this.store = store;
    this.sandbox = sandbox;
    this.parallel = parallel;
    this.name = name;
    this.leaseMillis = leaseMillis;
    this.base = base;
  }

  /**
   * Works until no run has been active for {@code idleMillis} (forever when negative); returns
   * the runs it worked on.
   */
  public Set<String> work(long idleMillis) throws InterruptedException {
    Set<String> joined = new HashSet<>();
    long idleSince = System.nanoTime();
    int outage = 0;
    while (idleMillis < 0 || (System.nanoTime() - idleSince) / 1_000_000 < idleMillis) {
      boolean worked = false;
      try {
        for (String id : store.active()) {
          RunInfo run = store.run(id);
          if (run.status() != RunStatus.RUNNING
              || store.subtasks(id).stream().allMatch(r -> r.state().terminal())) {
            continue;
          }
          joined.add(id);
          worked = true;
          try (TeamSetup setup = TeamSetup.open(run.team(), false, base, sandbox, AgentConfig.DEFAULT)) {
            new Scheduler(store, setup.teammate(), setup.checks(), run.team().budget(), parallel, name, leaseMillis, 300_000,
                Backoff.DEFAULT).run(id, run.task(), Plan.parse(run.plan()));
          }
        }
        outage = 0;
      } catch (StoreUnavailableException e) {
        outage++;
        long wait = Backoff.DEFAULT.delayMillis(outage);
        LOG.warn("the run store is unreachable ({}); retrying in {} ms", e.getMessage(), wait);
        Thread.sleep(wait);
        continue;
      }
      if (worked) {
        idleSince = System.nanoTime();
      } else {
        Thread.sleep(300);
      }
    }
    return joined;
  }
}
