package dev.llmux.agent.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command to run in the sandbox. Made with {@link #builder(Path, List)}.
 *
 * <p>Paths inside the sandbox are the same as outside: the workspace and every mount appear at
 * their own paths, so one command line works with and without bubblewrap. The working directory
 * is the workspace.
 *
 * @param workspace the only writable directory the program sees (besides its own temp dir)
 * @param command the program and its arguments
 * @param mounts directories shown read-only inside the sandbox, in order (a later mount may cover
 *     a part of the workspace, such as pristine tests over {@code workspace/tests})
 * @param env extra environment variables, added to the allowlist (PATH, HOME, TMPDIR, LANG)
 * @param stdin text written to the program's standard input, then closed (default empty)
 * @param limits resource and time limits (default {@link SandboxLimits#DEFAULT})
 */
public record SandboxRequest(
    Path workspace, List<String> command, List<Mount> mounts, Map<String, String> env, String stdin,
    SandboxLimits limits) {

  /** A host directory shown read-only at {@code target} inside the sandbox. */
  public record Mount(Path source, Path target) {
    /** Checks both paths are absolute. */
    public Mount {
      if (!source.isAbsolute() || !target.isAbsolute()) {
        throw new IllegalArgumentException("mount paths must be absolute: " + source + " -> " + target);
      }
    }
  }

  /** Copies the collections and checks the command is not empty. */
  public SandboxRequest {
    Objects.requireNonNull(workspace, "workspace");
    command = List.copyOf(command);
    mounts = List.copyOf(mounts);
    env = Map.copyOf(env);
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(limits, "limits");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("the command is empty: give a program to run");
    }
  }

  /** A builder for running {@code command} in {@code workspace}, with the documented defaults. */
  public static Builder builder(Path workspace, List<String> command) {
    return new Builder(workspace, command);
  }

  /** Builds a {@link SandboxRequest}; every setter returns the builder. */
  public static final class Builder {
    private final Path workspace;
    private final List<String> command;
    private final List<Mount> mounts = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private String stdin = "";
    private SandboxLimits limits = SandboxLimits.DEFAULT;

    private Builder(Path workspace, List<String> command) {
      this.workspace = workspace;
      this.command = List.copyOf(command);
    }

    /** Shows {@code source} read-only at {@code target}. */
    public Builder mountReadOnly(Path source, Path target) {
      mounts.add(new Mount(source, target));
      return this;
    }

    /** Adds an environment variable. */
    public Builder env(String name, String value) {
      env.put(name, value);
      return this;
    }

    /** Sets the standard input text. */
    public Builder stdin(String text) {
      this.stdin = text;
      return this;
    }

    /** Sets the limits. */
    public Builder limits(SandboxLimits l) {
      this.limits = l;
      return this;
    }

    /** Builds the request. */
    public SandboxRequest build() {
      return new SandboxRequest(workspace, command, mounts, env, stdin, limits);
    }
  }
}
