package dev.llmux.team;

import dev.llmux.agent.workspace.Workspace;
import dev.llmux.team.store.Completion;
import dev.llmux.team.store.FileChange;
import dev.llmux.team.store.Lease;
import dev.llmux.team.store.RunStore;
import dev.llmux.team.store.StoreUnavailableException;
import dev.llmux.team.store.SubtaskRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a plan's subtasks: Kahn's order over the stored states, at most {@code parallel} teammates
 * of this process at once, each subtask claimed from the store under a lease (renewed while it
 * runs) and completed with its fencing token. Several processes may run schedulers on one run
 * (Redis store); each claims what is ready.
 *
 * <p>An attempt: a fresh copy of the run's merged workspace -> the teammate -> the acceptance
 * checks in the sandbox -> completion, which merges the changes to the subtask's files unless a
 * file changed on the merged state meanwhile (a conflict: the subtask is re-run on the merged
 * state, as a failed attempt with the conflict as feedback). Errors: a backend outage or rate
 * limit waits with exponential backoff and jitter and tries again (up to
 * {@link Budget#maxOutageRetries()}); a task failure (the teammate gave up, or a check failed)
 * goes back to PENDING with the failure as feedback until {@link Budget#maxAttempts()}, then
 * FAILED; the dependents of a FAILED or SKIPPED subtask become SKIPPED. An unreachable store is
 * retried with backoff for up to {@code storeOutageMillis}.
 */
public final class Scheduler {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private final RunStore store;
  private final Teammate teammate;
  private final AcceptanceChecks checks;
  private final Budget budget;
  private final int parallel;
  private final String worker;
  private final long leaseMillis;
  private final long storeOutageMillis;
  private final Backoff backoff;

  /**
   * A scheduler.
   *
   * @param store where the run lives
   * @param teammate what works on subtasks
   * @param checks runs acceptance checks
   * @param budget attempts and outage retries
   * @param parallel the most subtasks this process runs at once
   * @param worker this process's name in leases and events
   * @param leaseMillis how long a claim lasts without renewal (renewed every third of it)
   * @param storeOutageMillis how long an unreachable store is retried before giving up
   * @param backoff delays between retries
   */
  public Scheduler(RunStore store, Teammate teammate, AcceptanceChecks checks, Budget budget, int parallel, String worker,
      long leaseMillis, long storeOutageMillis, Backoff backoff) {
    this.store = store;
    this.teammate = teammate;
    this.checks = checks;
    this.budget = budget;
    this.parallel = parallel;
    this.worker = worker;
    this.leaseMillis = leaseMillis;
    this.storeOutageMillis = storeOutageMillis;
    this.backoff = backoff;
  }

  /** Runs the plan's subtasks until every one is done, failed or skipped. */
  public void run(String runId, String task, Plan plan) throws InterruptedException {
    List<String> order = PlanCheck.order(plan);
    Set<String> mine = ConcurrentHashMap.newKeySet();
    Semaphore finished = new Semaphore(0);
    ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "llmux-teammate");
      t.setDaemon(true);
      return t;
    });
    ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "llmux-lease-renewer");
      t.setDaemon(true);
      return t;
    });
    try {
      while (true) {
        List<SubtaskRecord> records = retrying(() -> store.subtasks(runId));
        Map<String, SubtaskRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.id(), r));
        if (skipDependents(runId, plan, byId)) {
          continue;
        }
        if (records.stream().allMatch(r -> r.state().terminal())) {
          break;
        }
        for (String id : order) {
          if (mine.size() >= parallel) {
            break;
          }
          SubtaskRecord r = byId.get(id);
          Subtask s = plan.subtask(id);
          if (r == null || r.state().terminal() || mine.contains(id) || !depsDone(s, byId)) {
            continue;
          }
          Optional<Lease> lease = retrying(() -> store.claim(runId, id, s.dependencies(), worker, leaseMillis));
          if (lease.isPresent()) {
            mine.add(id);
            Lease l = lease.get();
            pool.execute(() -> {
              try {
                attempt(task, s, l, renewer);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException e) {
                LOG.warn("subtask {} attempt ended with an error: {}", id, e.toString());
              } finally {
                mine.remove(id);
                finished.release();
              }
            });
          }
        }
        // Wake on a local completion, or look again shortly for other workers' progress and expired leases.
        finished.tryAcquire(mine.isEmpty() ? 200 : 500, TimeUnit.MILLISECONDS);
        finished.drainPermits();
      }
    } finally {
      pool.shutdownNow();
      renewer.shutdownNow();
      pool.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private static boolean depsDone(Subtask s, Map<String, SubtaskRecord> byId) {
    for (String d : s.dependencies()) {
      SubtaskRecord r = byId.get(d);
      if (r == null || r.state() != SubtaskState.DONE) {
        return false;
      }
    }
    return true;
  }

  /** Skips pending subtasks whose dependency failed or was skipped; true when one was skipped. */
  private boolean skipDependents(String runId, Plan plan, Map<String, SubtaskRecord> byId) {
    boolean any = false;
    for (SubtaskRecord r : byId.values()) {
      if (r.state() != SubtaskState.PENDING) {
        continue;
      }
      for (String d : plan.subtask(r.id()).dependencies()) {
        SubtaskRecord dr = byId.get(d);
        if (dr != null && (dr.state() == SubtaskState.FAILED || dr.state() == SubtaskState.SKIPPED)) {
          String reason = "dependency " + d + " " + dr.state().name().toLowerCase(java.util.Locale.ROOT);
          if (retrying(() -> store.skip(runId, r.id(), reason))) {
            event(runId, "skipped", r.id(), 0, reason);
            any = true;
          }
          break;
        }
      }
    }
    return any;
  }

  private void attempt(String task, Subtask s, Lease lease, ScheduledExecutorService renewer) throws InterruptedException {
    String runId = lease.run();
    event(runId, "claim", s.id(), lease.attempt(), s.title());
    ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(() -> {
      try {
        if (!store.renew(lease, leaseMillis)) {
          LOG.info("lost the lease on {} (token {})", s.id(), lease.token());
        }
      } catch (RuntimeException e) {
        LOG.info("could not renew the lease on {}: {}", s.id(), e.getMessage());
      }
    }, leaseMillis / 3, leaseMillis / 3, TimeUnit.MILLISECONDS);
    try {
      int outages = 0;
      while (true) {
        Map<String, String> before = retrying(() -> store.files(runId));
        try (Workspace ws = Workspace.createTemp()) {
          WorkspaceFiles.write(ws.root(), before);
          TeammateOutcome outcome = teammate.work(new Assignment(runId, task, s, ws.root(), lease.attempt(), lease.feedback()));
          if (outcome instanceof TeammateOutcome.Unavailable u) {
            outages++;
            if (outages > budget.maxOutageRetries()) {
              fail(lease, "the backend stayed unavailable after " + budget.maxOutageRetries() + " retries: " + u.reason());
              return;
            }
            long wait = backoff.delayMillis(outages);
            event(runId, "outage", s.id(), lease.attempt(), u.reason() + "; retrying in " + wait + " ms");
            Thread.sleep(wait);
            continue;
          }
          if (outcome instanceof TeammateOutcome.Failed f) {
            fail(lease, f.reason());
            return;
          }
          String summary = ((TeammateOutcome.Finished) outcome).summary();
          AcceptanceChecks.Result checked = checks.run(ws.root(), s.acceptance());
          if (!checked.allPassed()) {
            fail(lease, checked.passed() + "/" + checked.total() + " acceptance checks passed: " + checked.report());
            return;
          }
          Map<String, String> after = WorkspaceFiles.read(ws.root());
          List<FileChange> changes = WorkspaceFiles.changes(before, after, s.files());
          List<String> outside = WorkspaceFiles.outside(before, after, s.files());
          Completion c = retrying(() -> store.complete(lease, summary, changes));
          switch (c.result()) {
            case DONE -> {
              List<String> names = new ArrayList<>();
              changes.forEach(ch -> names.add(ch.path()));
              event(runId, "done", s.id(), lease.attempt(), "merged " + (names.isEmpty() ? "no changes" : String.join(", ", names))
                  + (outside.isEmpty() ? "" : "; not merged (not in its files): " + String.join(", ", outside)));
            }
            case STALE -> event(runId, "stale", s.id(), lease.attempt(),
                "the lease (token " + lease.token() + ") was taken over; this result is dropped");
            case CONFLICT -> fail(lease, "merge conflict on " + String.join(", ", c.conflicts())
                + ": another subtask changed them; redo the work on the merged files");
          }
          return;
        }
      }
    } finally {
      renewal.cancel(false);
    }
  }

  private void fail(Lease lease, String reason) {
    boolean last = lease.failures() + 1 >= budget.maxAttempts();
    boolean released = retrying(() -> store.release(lease, reason, last));
    if (!released) {
      event(lease.run(), "stale", lease.subtask(), lease.attempt(), "the lease was taken over; this failure is dropped");
      return;
    }
    event(lease.run(), last ? "failed" : "retry", lease.subtask(), lease.attempt(), clip(reason));
  }

  private static String clip(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= 300 ? one : one.substring(0, 297) + "...";
  }

  private void event(String runId, String kind, String subtask, int attempt, String message) {
    TeamEvent e = TeamEvent.of(runId, kind, subtask, attempt, worker, message);
    try {
      retrying(() -> {
        store.append(e);
        return null;
      });
    } catch (StoreUnavailableException ex) {
      LOG.warn("event not stored: {}", e.line());
    }
  }

  /** Calls {@code op}, retrying with backoff while the store is unreachable, for up to {@code storeOutageMillis}. */
  private <T> T retrying(Supplier<T> op) {
    long start = System.nanoTime();
    int retry = 0;
    while (true) {
      try {
        return op.get();
      } catch (StoreUnavailableException e) {
        retry++;
        if ((System.nanoTime() - start) / 1_000_000 > storeOutageMillis) {
          throw e;
        }
        long wait = backoff.delayMillis(retry);
        LOG.warn("the run store is unreachable ({}); retrying in {} ms", e.getMessage(), wait);
        try {
          Thread.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
