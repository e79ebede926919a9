package dev.llmux.team.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.AtomicFiles;
import dev.llmux.engine.json.JsonFields;
import dev.llmux.team.SubtaskState;
import dev.llmux.team.TeamEvent;
import dev.llmux.team.TeamException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs as files, one folder per run under a root: {@code run.json} (the record),
 * {@code base.json} (the starting files), {@code state.json} (every subtask's state, the merged
 * files and the counters: one file, so a completion and its merge are one atomic rename) and
 * {@code events.jsonl} (appended; a torn last line is ignored). Every state change writes a
 * temporary file and renames it, so a SIGKILL at any point leaves the old or the new state.
 *
 * <p>One process works on a run at a time: {@link #attach} takes an OS file lock on the run's
 * {@code lock} file (released by the OS when the process dies) and returns subtasks a killed
 * process left RUNNING to PENDING. Within the process, methods are synchronized.
 */
public final class FileRunStore implements RunStore {

  private final Path root;
  private final Map<String, FileChannel> locks = new HashMap<>();
  private final Map<String, Long> leaseUntil = new HashMap<>();

  /** The runs under {@code root} (created when needed). */
  public FileRunStore(Path root) {
    this.root = root;
  }

  /** The default root: {@code $XDG_DATA_HOME/llmux/team-runs}, else {@code ~/.local/share/llmux/team-runs}. */
  public static Path defaultRoot(Map<String, String> env) {
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "llmux", "team-runs");
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share", "llmux", "team-runs");
  }

  @Override
  public String describe() {
    return "files " + root;
  }

  /** The folder of a run. */
  public Path folder(String run) {
    if (!run.matches("[A-Za-z0-9_.-]{1,80}") || run.startsWith(".")) {
      throw new TeamException("'" + run + "' is not a run id: ids look like 20261205-221500-ab12");
    }
    return root.resolve(run);
  }

  @Override
  public synchronized void create(RunInfo run, Map<String, String> files) {
    Path dir = folder(run.id());
    try {
      Files.createDirectories(dir);
      ObjectNode base = JsonFields.mapper().createObjectNode();
      files.forEach(base::put);
      AtomicFiles.writeString(dir.resolve("base.json"), base.toString());
      ObjectNode state = JsonFields.mapper().createObjectNode().put("fence", 0).put("seq", 0);
      state.putArray("subtasks");
      state.set("files", base.deepCopy());
      AtomicFiles.writeString(dir.resolve("state.json"), state.toString());
      AtomicFiles.writeString(dir.resolve("run.json"), run.toJson().toString());
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot write run " + run.id() + " under " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized RunInfo run(String id) {
    Path f = folder(id).resolve("run.json");
    if (!Files.isRegularFile(f)) {
      throw new TeamException("no run '" + id + "' in " + describe() + ": list runs with llmux team status");
    }
    return RunInfo.fromJson(read(f), "run file " + f);
  }

  @Override
  public synchronized void save(RunInfo run) {
    write(folder(run.id()).resolve("run.json"), run.toJson());
  }

  @Override
  public synchronized List<String> runs() {
    List<Path> dirs = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> s = Files.list(root)) {
        s.filter(p -> Files.isRegularFile(p.resolve("run.json"))).forEach(dirs::add);
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot list " + root + ": " + e.getMessage(), e);
      }
    }
    dirs.sort(Comparator.comparing(p -> p.getFileName().toString()));
    List<String> out = new ArrayList<>();
    dirs.forEach(p -> out.add(p.getFileName().toString()));
    return out;
  }

  @Override
  public synchronized List<String> active() {
    List<String> out = new ArrayList<>();
    for (String id : runs()) {
      if (run(id).status() == RunStatus.RUNNING) {
        out.add(id);
      }
    }
    return out;
  }

  @Override
  public synchronized void attach(String run, String owner) {
    if (!locks.containsKey(run)) {
      Path lockFile = folder(run).resolve("lock");
      try {
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          ch.close();
          throw new TeamException("run " + run + " is being worked on by another process (" + lockFile
              + " is locked): wait for it, or use a Redis store to share a run between processes");
        }
        locks.put(run, ch);
      } catch (IOException e) {
        throw new StoreUnavailableException("cannot lock " + lockFile + ": " + e.getMessage(), e);
      }
    }
    ObjectNode state = state(run);
    boolean changed = false;
    for (JsonNode n : state.withArray("subtasks")) {
      if (n.path("state").asText().equals("RUNNING") && !leaseUntil.containsKey(run + "/" + n.path("id").asText())) {
        ((ObjectNode) n).put("state", "PENDING");
        changed = true;
      }
    }
    if (changed) {
      writeState(run, state);
    }
  }

  @Override
  public synchronized void addSubtasks(String run, List<String> ids) {
    ObjectNode state = state(run);
    ArrayNode list = state.withArray("subtasks");
    List<String> present = new ArrayList<>();
    list.forEach(n -> present.add(n.path("id").asText()));
    for (String id : ids) {
      if (!present.contains(id)) {
        list.add(SubtaskRecord.pending(id).toJson());
      }
    }
    writeState(run, state);
  }

  @Override
  public synchronized List<SubtaskRecord> subtasks(String run) {
    List<SubtaskRecord> out = new ArrayList<>();
    state(run).withArray("subtasks").forEach(n -> out.add(SubtaskRecord.fromJson(n)));
    return out;
  }

  @Override
  public synchronized Optional<Lease> claim(String run, String subtask, List<String> dependencies, String owner, long leaseMillis) {
    ObjectNode state = state(run);
    Map<String, ObjectNode> byId = byId(state);
    ObjectNode r = byId.get(subtask);
    if (r == null) {
      return Optional.empty();
    }
    String s = r.path("state").asText();
    String key = run + "/" + subtask;
    boolean expired = s.equals("RUNNING") && leaseUntil.getOrDefault(key, 0L) < System.currentTimeMillis();
    if (!s.equals("PENDING") && !expired) {
      return Optional.empty();
    }
    for (String d : dependencies) {
      ObjectNode dr = byId.get(d);
      if (dr == null || !dr.path("state").asText().equals("DONE")) {
        return Optional.empty();
      }
    }
    long token = state.path("fence").asLong() + 1;
    state.put("fence", token);
    r.put("state", "RUNNING").put("token", token).put("owner", owner).put("claims", r.path("claims").asInt() + 1);
    writeState(run, state);
    leaseUntil.put(key, System.currentTimeMillis() + leaseMillis);
    return Optional.of(new Lease(run, subtask, owner, token, r.path("failures").asInt(), r.path("feedback").asText("")));
  }

  @Override
  public synchronized boolean renew(Lease lease, long leaseMillis) {
    ObjectNode r = byId(state(lease.run())).get(lease.subtask());
    if (r == null || !current(r, lease)) {
      return false;
    }
    leaseUntil.put(lease.run() + "/" + lease.subtask(), System.currentTimeMillis() + leaseMillis);
    return true;
  }

  private static boolean current(ObjectNode r, Lease lease) {
    return r.path("state").asText().equals("RUNNING") && r.path("token").asLong() == lease.token();
  }

  @Override
  public synchronized Completion complete(Lease lease, String summary, List<FileChange> changes) {
    ObjectNode state = state(lease.run());
    ObjectNode r = byId(state).get(lease.subtask());
    if (r == null) {
      return new Completion(Completion.Result.STALE, List.of());
    }
    if (r.path("state").asText().equals("DONE") && r.path("token").asLong() == lease.token()) {
      return new Completion(Completion.Result.DONE, List.of());
    }
    if (!current(r, lease)) {
      return new Completion(Completion.Result.STALE, List.of());
    }
    ObjectNode files = state.with("files");
    List<String> conflicts = new ArrayList<>();
    for (FileChange c : changes) {
      JsonNode cur = files.get(c.path());
      if (!Hashes.of(cur == null ? null : cur.asText()).equals(c.baseHash())) {
        conflicts.add(c.path());
      }
    }
    if (!conflicts.isEmpty()) {
      return new Completion(Completion.Result.CONFLICT, conflicts);
    }
    List<String> changed = new ArrayList<>();
    for (FileChange c : changes) {
      if (c.content() == null) {
        files.remove(c.path());
      } else {
        files.put(c.path(), c.content());
      }
      changed.add(c.path());
    }
    long seq = state.path("seq").asLong() + 1;
    state.put("seq", seq);
    r.put("state", "DONE").put("summary", summary).put("seq", seq).put("changed", String.join(",", changed)).put("error", "");
    writeState(lease.run(), state);
    leaseUntil.remove(lease.run() + "/" + lease.subtask());
    return new Completion(Completion.Result.DONE, List.of());
  }

  @Override
  public synchronized boolean release(Lease lease, String failure, boolean last) {
    ObjectNode state = state(lease.run());
    ObjectNode r = byId(state).get(lease.subtask());
    if (r == null || !current(r, lease)) {
      return false;
    }
    r.put("failures", r.path("failures").asInt() + 1).put("feedback", failure).put("state", last ? "FAILED" : "PENDING");
    if (last) {
      r.put("error", failure);
    }
    writeState(lease.run(), state);
    leaseUntil.remove(lease.run() + "/" + lease.subtask());
    return true;
  }

  @Override
  public synchronized boolean skip(String run, String subtask, String reason) {
    ObjectNode state = state(run);
    ObjectNode r = byId(state).get(subtask);
    if (r == null || !r.path("state").asText().equals(SubtaskState.PENDING.name())) {
      return false;
    }
    r.put("state", "SKIPPED").put("error", reason);
    writeState(run, state);
    return true;
  }

  @Override
  public synchronized Map<String, String> files(String run) {
    return textMap(state(run).with("files"));
  }

  @Override
  public synchronized Map<String, String> baseFiles(String run) {
    Path f = folder(run).resolve("base.json");
    return textMap(JsonFields.of("run file " + f, TeamException::new).parse(read(f)));
  }

  private static Map<String, String> textMap(JsonNode o) {
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  @Override
  public synchronized void append(TeamEvent event) {
    Path f = folder(event.run()).resolve("events.jsonl");
    try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write((event.toJson().toString() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot append to " + f + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized List<TeamEvent> events(String run, int from) {
    Path f = folder(run).resolve("events.jsonl");
    List<TeamEvent> out = new ArrayList<>();
    if (!Files.isRegularFile(f)) {
      return out;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read " + f + ": " + e.getMessage(), e);
    }
    for (int i = Math.max(0, from); i < lines.size(); i++) {
      try {
        out.add(TeamEvent.fromJson(JsonFields.mapper().readTree(lines.get(i))));
      } catch (IOException | RuntimeException e) {
        break; // a torn last line from a killed process
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    for (FileChannel ch : locks.values()) {
      try {
        ch.close();
      } catch (IOException e) {
        // closing releases the lock; nothing else to do
      }
    }
    locks.clear();
  }

  private ObjectNode state(String run) {
    Path f = folder(run).resolve("state.json");
    if (!Files.isRegularFile(f)) {
      throw new TeamException("no run '" + run + "' in " + describe());
    }
    JsonFields fields = JsonFields.of("run state " + f, TeamException::new);
    return fields.object(fields.parse(read(f)), "$");
  }

  private static Map<String, ObjectNode> byId(ObjectNode state) {
    Map<String, ObjectNode> m = new LinkedHashMap<>();
    state.withArray("subtasks").forEach(n -> m.put(n.path("id").asText(), (ObjectNode) n));
    return m;
  }

  private void writeState(String run, ObjectNode state) {
    write(folder(run).resolve("state.json"), state);
  }

  private static void write(Path f, JsonNode node) {
    try {
      AtomicFiles.writeString(f, node.toString());
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot write " + f + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new StoreUnavailableException("cannot read " + f + ": " + e.getMessage(), e);
    }
  }
}
