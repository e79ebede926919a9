package dev.llmux.agent.sandbox;

import dev.llmux.agent.workspace.OwnedTempDirs;
import dev.llmux.agent.workspace.WorkspaceException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs programs with no network, a read-only system, only the workspace writable, resource limits
 * and a wall-clock limit that kills the whole process tree.
 *
 * <p>The layers, outermost first:
 *
 * <ol>
 *   <li>bubblewrap (when {@link #isolation()} is {@link Isolation#BUBBLEWRAP}): new network, PID,
 *       IPC and UTS namespaces; {@code /usr} and a short allowlist of {@code /etc} read-only; a
 *       fresh {@code /proc}, {@code /dev} and {@code /tmp}; the workspace and a per-run temp dir
 *       the only writable places; environment cleared to an allowlist; killed when the JVM dies.
 *   <li>{@code prlimit}: CPU time, processes, file size, open files, address space; no core dumps.
 *   <li>{@code setpriv}: when llmux runs as root the program runs as {@value #SANDBOX_UID}
 *       ("nobody"), because the kernel does not apply the process limit to root; no new
 *       privileges; killed when its parent dies.
 *   <li>In Java: a wall-clock limit, then every process of the tree is killed (with bubblewrap,
 *       killing the namespace's first process takes the whole namespace with it).
 * </ol>
 *
 * <p>Without bubblewrap only the last three layers apply; {@link #detect()} logs a loud warning
 * and every {@link SandboxResult} says {@code isolation: weaker (no bubblewrap)}.
 */
public final class Sandbox {

  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

  /** The user id programs run as when llmux itself runs as root. */
  public static final int SANDBOX_UID = 65534;

  /** Entries of {@code /etc} shown inside the sandbox (names; a trailing '*' matches a prefix). */
  private static final List<String> ETC_ALLOWLIST = List.of(
      "alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "passwd", "group",
      "nsswitch.conf", "java*", "python3*");

  /** Top-level system directories shown inside the sandbox besides /usr (symlinks stay symlinks). */
  private static final List<String> SYSTEM_DIRS = List.of("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32");

  private static final String PATH_INSIDE = "/usr/local/bin:/usr/bin:/bin";

  /** HOME and TMPDIR inside bubblewrap: a folder of the sandbox's own, size-limited {@code /tmp}. */
  static final Path SCRATCH_INSIDE = Path.of("/tmp/llmux-home");

  /** How often the bytes a run has written are measured against {@link SandboxLimits#diskBytes()}. */
  private static final long DISK_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** How long to wait for the output of a killed tree to end (only an escaped process delays it). */
  private static final long DRAIN_MILLIS = 10_000;

  private final Isolation isolation;
  private final String bwrap;
  private final String prlimit;
  private final String setpriv;
  private final String setsid;
  private final boolean root;
  private final String note;
  private final boolean tmpfsSize;

  private Sandbox(Isolation isolation, String bwrap, String prlimit, String setpriv, String setsid, boolean root, String note) {
    this.isolation = isolation;
    this.bwrap = bwrap;
    this.tmpfsSize = bwrap != null && bwrapSupportsTmpfsSize(bwrap);
    this.prlimit = prlimit;
    this.setpriv = setpriv;
    this.setsid = setsid;
    this.root = root;
    this.note = note;
  }

  /**
   * Finds the strongest sandbox this machine offers: bubblewrap if it is installed and passes a
   * probe run, otherwise limits only with a loud warning.
   *
   * @throws SandboxUnavailableException when {@code prlimit} (util-linux) is missing: llmux never runs a
   *     program without limits
   */
  public static Sandbox detect() {
    String prlimit = requireTool("prlimit");
    String setpriv = findOnPath("setpriv");
    String setsid = findOnPath("setsid");
    boolean root = isRoot();
    String bwrap = findOnPath("bwrap");
    if (bwrap == null) {
      return weaker(prlimit, setpriv, setsid, root,
          "bubblewrap (bwrap) is not installed; install it with 'apt-get install bubblewrap'");
    }
    Sandbox candidate = new Sandbox(Isolation.BUBBLEWRAP, bwrap, prlimit, setpriv, setsid, root, "");
    String failure = candidate.probe();
    if (failure != null) {
      return weaker(prlimit, setpriv, setsid, root, "bubblewrap at " + bwrap + " cannot create a sandbox here: " + failure);
    }
    LOG.debug("sandbox: bubblewrap at {}, limits through {}, running as {}", bwrap, prlimit, root ? "uid " + SANDBOX_UID : "the current user");
    return candidate;
  }

  /**
   * A sandbox that must isolate with bubblewrap.
   *
   * @throws SandboxUnavailableException when bubblewrap is missing or cannot create a sandbox here
   */
  public static Sandbox requireBubblewrap() {
    Sandbox s = detect();
    if (s.isolation != Isolation.BUBBLEWRAP) {
      throw new SandboxUnavailableException("bubblewrap is required but unusable: " + s.note);
    }
    return s;
  }

  /** A sandbox with resource and time limits only, for machines without bubblewrap; warns loudly. */
  public static Sandbox limitsOnly(String reason) {
    return weaker(requireTool("prlimit"), findOnPath("setpriv"), findOnPath("setsid"), isRoot(), reason);
  }

  private static Sandbox weaker(String prlimit, String setpriv, String setsid, boolean root, String reason) {
    LOG.warn("SANDBOX ISOLATION IS WEAKER: {}. Programs run with resource and time limits only: they can "
        + "reach the network and read (and, within the user's rights, write) files outside the workspace.", reason);
    return new Sandbox(Isolation.LIMITS_ONLY, null, prlimit, setpriv, setsid, root, reason);
  }

  /** How strongly this sandbox isolates programs. */
  public Isolation isolation() {
    return isolation;
  }

  /** Why isolation is weaker, or an empty string with bubblewrap. */
  public String note() {
    return note;
  }

  /**
   * Runs one command; never throws for what the program does, only when it cannot be started.
   *
   * @throws WorkspaceException when the request's workspace does not exist or is not a directory
   * @throws SandboxException when the command cannot be started, or the wait is interrupted
   */
  public SandboxResult run(SandboxRequest request) {
    Path ws;
    try {
      ws = request.workspace().toRealPath();
    } catch (IOException e) {
      throw new WorkspaceException("workspace " + request.workspace() + " does not exist: create it first", e);
    }
    if (!Files.isDirectory(ws)) {
      throw new WorkspaceException("workspace " + ws + " is not a directory");
    }
    Path hostScratch = null;
    try {
      Path scratch;
      if (isolation == Isolation.BUBBLEWRAP) {
        // HOME and TMPDIR live in the sandbox's own size-limited /tmp: nothing on the host to clean.
        scratch = SCRATCH_INSIDE;
      } else {
        hostScratch = OwnedTempDirs.create("sandbox");
        scratch = hostScratch;
      }
      if (root) {
        List<Path> keep = new ArrayList<>();
        for (SandboxRequest.Mount m : request.mounts()) {
          keep.add(m.target());
        }
        giveToSandboxUser(ws, keep);
        if (hostScratch != null) {
          giveToSandboxUser(hostScratch, List.of());
        }
      }
      Map<String, String> env = new LinkedHashMap<>();
      env.put("PATH", PATH_INSIDE);
      env.put("HOME", scratch.toString());
      env.put("TMPDIR", scratch.toString());
      env.put("LANG", "C.UTF-8");
      env.putAll(request.env());
      List<String> argv = new ArrayList<>();
      if (isolation == Isolation.BUBBLEWRAP) {
        argv.addAll(bwrapArgs(ws, request.mounts(), env, request.limits().diskBytes()));
      } else if (setsid != null) {
        argv.add(setsid);
      }
      argv.addAll(limitArgs(request.limits()));
      argv.addAll(request.command());
      return execute(argv, ws, hostScratch, env, request);
    } catch (IOException e) {
      throw new SandboxException("could not start " + request.command() + " in the sandbox: " + e.getMessage(), e);
    } finally {
      if (hostScratch != null) {
        deleteTree(hostScratch);
      }
    }
  }

  private SandboxResult execute(List<String> argv, Path ws, Path hostScratch, Map<String, String> env, SandboxRequest request)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(ws.toFile());
    pb.environment().clear();
    if (isolation == Isolation.BUBBLEWRAP) {
      pb.environment().put("PATH", PATH_INSIDE);
    } else {
      pb.environment().putAll(env);
    }
    SandboxLimits limits = request.limits();
    DiskUse disk = new DiskUse(ws, hostScratch);
    long start = System.nanoTime();
    long deadline = start + limits.wallClock().toNanos();
    Process p = pb.start();
    CappedOutput out = new CappedOutput(p.getInputStream(), limits.outputBytes(), "sandbox-stdout-" + p.pid());
    CappedOutput err = new CappedOutput(p.getErrorStream(), limits.outputBytes(), "sandbox-stderr-" + p.pid());
    boolean timedOut = false;
    long written = 0;
    try {
      try (OutputStream in = p.getOutputStream()) {
        in.write(request.stdin().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the program exited or closed its input before reading it all: not an error of ours
      }
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          timedOut = true;
          break;
        }
        if (p.waitFor(Math.min(left, DISK_CHECK_NANOS), TimeUnit.NANOSECONDS)) {
          break;
        }
        written = disk.written(p);
        if (written > limits.diskBytes()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      ProcessTrees.kill(p, groupKill());
      Thread.currentThread().interrupt();
      throw new SandboxException("interrupted while running " + request.command());
    }
    // A program that ended by itself is measured once more: it may have written it all in one go.
    written = Math.max(written, disk.written(p));
    ProcessTrees.kill(p, groupKill());
    // The streams end once every process holding them is dead, so waiting here loses no output;
    // only a process that escaped the kill (possible without bubblewrap) keeps them open.
    boolean drained = true;
    try {
      drained = out.await(DRAIN_MILLIS) & err.await(DRAIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!drained) {
      LOG.warn("sandbox: a process that escaped the kill still holds the output of {}; returning what arrived so far", request.command());
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    int code = p.isAlive() ? 137 : p.exitValue();
    boolean overDisk = written > limits.diskBytes();
    SandboxResult r = new SandboxResult(code, out.text(), err.text(), out.total(), err.total(),
        out.truncated() || err.truncated(), timedOut, overDisk ? written : 0, limits.diskBytes(), wall, isolation);
    LOG.debug("sandbox: {} -> {}", request.command(), r.describe());
    return r;
  }

  private boolean groupKill() {
    return isolation == Isolation.LIMITS_ONLY && setsid != null;
  }

  private List<String> bwrapArgs(Path ws, List<SandboxRequest.Mount> mounts, Map<String, String> env, long tmpBytes) {
    List<String> a = new ArrayList<>(List.of(bwrap,
        "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try"));
    if (!root) {
      a.add("--unshare-user");
    }
    a.addAll(List.of("--die-with-parent", "--new-session", "--hostname", "llmux-sandbox"));
    a.addAll(List.of("--ro-bind", "/usr", "/usr"));
    for (String d : SYSTEM_DIRS) {
      Path p = Path.of(d);
      if (Files.isSymbolicLink(p)) {
        try {
          a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), d));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else if (Files.isDirectory(p)) {
        a.addAll(List.of("--ro-bind", d, d));
      }
    }
    a.addAll(List.of("--perms", "0755", "--dir", "/etc"));
    for (Path e : etcEntries()) {
      a.addAll(List.of("--ro-bind", e.toString(), e.toString()));
    }
    a.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--perms", "01777"));
    if (tmpfsSize) {
      a.addAll(List.of("--size", Long.toString(tmpBytes)));
    }
    a.addAll(List.of("--tmpfs", "/tmp", "--perms", "01777", "--dir", SCRATCH_INSIDE.toString()));
    List<Path> present = new ArrayList<>(List.of(Path.of("/usr"), Path.of("/proc"), Path.of("/dev")));
    for (String d : SYSTEM_DIRS) {
      present.add(Path.of(d));
    }
    Set<Path> made = new HashSet<>(List.of(Path.of("/etc"), Path.of("/tmp"), SCRATCH_INSIDE));
    Path javaHome = Path.of(System.getProperty("java.home")).toAbsolutePath().normalize();
    if (!javaHome.startsWith("/usr")) {
      addParents(a, javaHome, present, made);
      a.addAll(List.of("--ro-bind", javaHome.toString(), javaHome.toString()));
      present.add(javaHome);
    }
    addParents(a, ws, present, made);
    a.addAll(List.of("--bind", ws.toString(), ws.toString()));
    present.add(ws);
    for (SandboxRequest.Mount m : mounts) {
      addParents(a, m.target(), present, made);
      a.addAll(List.of("--ro-bind", m.source().toString(), m.target().toString()));
      present.add(m.target());
    }
    a.add("--clearenv");
    for (Map.Entry<String, String> e : env.entrySet()) {
      a.addAll(List.of("--setenv", e.getKey(), e.getValue()));
    }
    a.addAll(List.of("--chdir", ws.toString(), "--"));
    return a;
  }

  /**
   * Creates the folders above {@code target} that nothing else provides, readable and searchable
   * by everyone: left to bubblewrap they would be {@code drwx------ root}, and a program running
   * as another user could not reach a workspace such as {@code /tmp/a/ws} or {@code ./somedir}.
   */
  private static void addParents(List<String> args, Path target, List<Path> mounted, Set<Path> made) {
    List<Path> parents = new ArrayList<>();
    for (Path d = target.getParent(); d != null && d.getParent() != null; d = d.getParent()) {
      parents.add(0, d);
    }
    for (Path d : parents) {
      // a mounted tree provides everything under it; a folder made here provides only itself
      boolean covered = made.contains(d);
      for (Path p : mounted) {
        covered |= d.startsWith(p);
      }
      if (!covered) {
        args.addAll(List.of("--perms", "0755", "--dir", d.toString()));
        made.add(d);
      }
    }
  }

  private static List<Path> etcEntries() {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/etc"))) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        for (String pattern : ETC_ALLOWLIST) {
          boolean match = pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : name.equals(pattern);
          if (match) {
            out.add(p);
            break;
          }
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot list /etc: {}", e.toString());
    }
    out.sort(null);
    return out;
  }

  private List<String> limitArgs(SandboxLimits l) {
    long processes = l.processes();
    if (!root) {
      // RLIMIT_NPROC counts every process of the user, so leave room for those already running.
      processes += countProcessesOfCurrentUser();
    }
    List<String> a = new ArrayList<>(List.of(prlimit,
        "--cpu=" + l.cpuSeconds() + ":" + (l.cpuSeconds() + 1),
        "--nproc=" + processes,
        "--fsize=" + l.fileSizeBytes(),
        "--nofile=" + l.openFiles(),
        "--as=" + l.memoryBytes(),
        "--core=0",
        "--"));
    if (setpriv != null) {
      a.add(setpriv);
      if (root) {
        a.addAll(List.of("--reuid=" + SANDBOX_UID, "--regid=" + SANDBOX_UID, "--clear-groups"));
      }
      a.addAll(List.of("--no-new-privs", "--pdeathsig", "KILL", "--"));
    } else if (root) {
      throw new SandboxUnavailableException(
          "setpriv (util-linux) is not installed: as root llmux needs it to run programs as an unprivileged user");
    }
    return a;
  }

  private String probe() {
    Path dir = null;
    try {
      dir = OwnedTempDirs.create("probe");
      List<String> argv = new ArrayList<>(bwrapArgs(dir.toRealPath(), List.of(), Map.of("PATH", PATH_INSIDE), SandboxLimits.DEFAULT.diskBytes()));
      argv.add("/usr/bin/true");
      ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
      pb.environment().clear();
      pb.environment().put("PATH", PATH_INSIDE);
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] output;
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        ProcessTrees.kill(p, false);
        return "the probe did not finish in 10 s";
      }
      output = p.getInputStream().readAllBytes();
      if (p.exitValue() != 0) {
        String msg = new String(output, StandardCharsets.UTF_8).strip();
        return "probe exited with " + p.exitValue() + (msg.isEmpty() ? "" : ": " + msg.lines().findFirst().orElse(""));
      }
      return null;
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  /** Hands a tree to the sandbox user (root only), except the paths under {@code keep}. */
  private static void giveToSandboxUser(Path top, List<Path> keep) throws IOException {
    Files.walkFileTree(top, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (keep.contains(dir)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        chown(dir);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        chown(file);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void chown(Path p) throws IOException {
    Files.setAttribute(p, "unix:uid", SANDBOX_UID, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", SANDBOX_UID, LinkOption.NOFOLLOW_LINKS);
  }

  /** Deletes a tree without following symbolic links; logs what it cannot delete. */
  static void deleteTree(Path top) {
    OwnedTempDirs.deleteTree(top);
  }

  /** Whether this bubblewrap can bound a tmpfs ({@code --size}, bubblewrap 0.8 and later). */
  private static boolean bwrapSupportsTmpfsSize(String bwrap) {
    try {
      Process p = new ProcessBuilder(bwrap, "--help").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return help.contains("--size");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static boolean isRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static long countProcessesOfCurrentUser() {
    String me = System.getProperty("user.name");
    return ProcessHandle.allProcesses().filter(h -> h.info().user().map(me::equals).orElse(false)).count();
  }

  private static String requireTool(String name) {
    String path = findOnPath(name);
    if (path == null) {
      throw new SandboxUnavailableException(
          name + " (util-linux) is not on PATH: install util-linux; llmux never runs a program without resource limits");
    }
    return path;
  }

  /** The absolute path of an executable on PATH (or in /usr/bin, /bin), or {@code null}. */
  static String findOnPath(String name) {
    String path = System.getenv("PATH");
    List<String> dirs = new ArrayList<>();
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
    for (String d : dirs) {
      if (d.isEmpty()) {
        continue;
      }
      Path p = Path.of(d, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p.toAbsolutePath().toString();
      }
    }
    return null;
  }
}
