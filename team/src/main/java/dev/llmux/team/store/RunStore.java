package dev.llmux.team.store;

import dev.llmux.team.TeamEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where runs live: their records, their subtasks' states, the merged workspace files and the
 * events. Every method is one atomic change or read. Two implementations: {@link FileRunStore}
 * (default, one process per run) and {@link RedisRunStore} (Valkey/Redis, any number of worker
 * processes). Open one with {@link RunStores#open}.
 *
 * <p>Methods throw {@link StoreUnavailableException} when the store cannot be reached; callers
 * retry with backoff.
 */
public interface RunStore extends AutoCloseable {

  /** Where the store is, for messages ({@code files /home/u/.local/share/llmux/team-runs}). */
  String describe();

  /** Creates a run with its starting workspace files. */
  void create(RunInfo run, Map<String, String> files);

  /** The run with this id. */
  RunInfo run(String id);

  /** Replaces a run's record (status, plan, history). */
  void save(RunInfo run);

  /** Every run's id, oldest first. */
  List<String> runs();

  /** The ids of running runs, for workers to join. */
  List<String> active();

  /**
   * Prepares a process to work on a run. The file store takes the run's lock (one process per run)
   * and returns the subtasks a killed process left RUNNING to PENDING; Redis does nothing.
   */
  void attach(String run, String owner);

  /** Adds the plan's subtasks as PENDING; those already present keep their state. */
  void addSubtasks(String run, List<String> ids);

  /** The subtasks' states, in the order they were added. */
  List<SubtaskRecord> subtasks(String run);

  /**
   * Claims a subtask that is PENDING (or RUNNING under an expired lease) and whose dependencies are
   * all DONE: a new fencing token and a lease of {@code leaseMillis}.
   */
  Optional<Lease> claim(String run, String subtask, List<String> dependencies, String owner, long leaseMillis);

  /** Extends a lease; false when it was lost (expired and claimed again, or the subtask ended). */
  boolean renew(Lease lease, long leaseMillis);

  /** Records a finished subtask and merges its changes, atomically and fenced by the lease's token. */
  Completion complete(Lease lease, String summary, List<FileChange> changes);

  /**
   * Records a failed attempt, fenced by the lease's token: back to PENDING with the failure as
   * feedback, or FAILED when {@code last}. False when the lease was lost.
   */
  boolean release(Lease lease, String failure, boolean last);

  /** Marks a PENDING subtask SKIPPED because {@code reason}; false when it was not PENDING. */
  boolean skip(String run, String subtask, String reason);

  /** The run's merged workspace: its starting files plus every completion's changes. */
  Map<String, String> files(String run);

  /** The run's starting workspace files. */
  Map<String, String> baseFiles(String run);

  /** Appends an event. */
  void append(TeamEvent event);

  /** The run's events from index {@code from} (0 for all). */
  List<TeamEvent> events(String run, int from);

  /** Releases connections and locks. */
  @Override
  void close();
}
