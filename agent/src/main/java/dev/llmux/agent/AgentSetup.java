package dev.llmux.agent;

import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.task.SandboxTestHarness;
import dev.llmux.agent.trajectory.TrajectoryWriter;
import dev.llmux.agent.workflow.Workflow;
import dev.llmux.router.text.RequestEstimator;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * An agent ready to run, with everything it needs: its backends, the router policy they are routed
 * with, a sandbox test harness and a trajectory file. Made with {@link #builder()}; closing it
 * closes the trajectory, the harness and the backends.
 *
 * <pre>{@code
 * try (AgentSetup setup = AgentSetup.builder()
 *     .backends(AgentBackends.mock(tasks, 42, 0))
 *     .router("rl.TabularQ")
 *     .policyFile(Path.of("llmux-policy.json"))
 *     .config(AgentConfig.builder().learn(true).build())
 *     .trajectory(Path.of("run.jsonl"))
 *     .build()) {
 *   Bench.run(setup.agent(), tasks, 1, setup.trajectory());
 * }
 * }</pre>
 */
public final class AgentSetup implements AutoCloseable {

  private final AgentBackends backends;
  private final String router;
  private final boolean learns;
  private final boolean fresh;
  private final Path policyFile;
  private final Sandbox sandbox;
  private final SandboxTestHarness harness;
  private final TrajectoryWriter trajectory;
  private final Agent agent;
  private final RequestEstimator estimator;

  private AgentSetup(Builder b, RouterChoice choice, SandboxTestHarness harness, TrajectoryWriter trajectory,
      Agent agent, RequestEstimator estimator) {
    this.backends = b.backends;
    this.estimator = estimator;
    this.router = b.router;
    this.learns = choice.learns();
    this.fresh = choice.fresh();
    this.policyFile = b.policyFile;
    this.sandbox = b.sandbox;
    this.harness = harness;
    this.trajectory = trajectory;
    this.agent = agent;
  }

  /** A builder; {@link Builder#backends} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default trajectory file of a run called {@code name}: {@code llmux-trajectories/<time>-<name>.jsonl}. */
  public static Path defaultTrajectory(String name) {
    return Path.of("llmux-trajectories",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + name + ".jsonl");
  }

  /** The agent. */
  public Agent agent() {
    return agent;
  }

  /** The backends it routes among. */
  public AgentBackends backends() {
    return backends;
  }

  /** The router as it was asked for ({@code round-robin}, {@code fixed:NAME} or a registry spec). */
  public String router() {
    return router;
  }

  /** Whether the router's policy learns from feedback at all (baselines do not). */
  public boolean learns() {
    return learns;
  }

  /**
   * Whether the learning policy starts from scratch: its policy file did not exist, and the agent
   * learns online, so the file is made after the first episode.
   */
  public boolean freshPolicy() {
    return fresh;
  }

  /** The policy file, or {@code null} for none. */
  public Path policyFile() {
    return policyFile;
  }

  /** The sandbox the tests run in. */
  public Sandbox sandbox() {
    return sandbox;
  }

  /** The trajectory file's writer; pass it to the agent as a listener. */
  public TrajectoryWriter trajectory() {
    return trajectory;
  }

  /** Closes the trajectory, the harness and the backends. */
  @Override
  public void close() {
    try {
      estimator.close();
      trajectory.close();
    } finally {
      try {
        harness.close();
      } finally {
        backends.close();
      }
    }
  }

  /** Builds an {@link AgentSetup}; every setter returns the builder. */
  public static final class Builder {
    private AgentBackends backends;
    private String router = "round-robin";
    private Path policyFile;
    private AgentConfig config = AgentConfig.DEFAULT;
    private Path trajectory;
    private Sandbox sandbox;
    private Workflow workflow;
    private Supervisor.Settings supervisor;

    private Builder() {}

    /** Runs the asynchronous supervisor with these settings (default: none); the backends must define its role. */
    public Builder supervisor(Supervisor.Settings s) {
      this.supervisor = s;
      return this;
    }

    /** The workflow the agent will run (default {@code solo}); its roles must be defined by the backends. */
    public Builder workflow(Workflow w) {
      this.workflow = Objects.requireNonNull(w, "workflow");
      return this;
    }

    /** The backends to route among (required); the set-up closes them. */
    public Builder backends(AgentBackends b) {
      this.backends = Objects.requireNonNull(b, "backends");
      return this;
    }

    /**
     * The router (default {@code round-robin}): {@code round-robin}, {@code fixed:NAME} or a
     * policy's registry spec such as {@code rl.TabularQ}.
     */
    public Builder router(String spec) {
      this.router = Objects.requireNonNull(spec, "router");
      return this;
    }

    /**
     * Where a learning policy is loaded from, and saved to after each episode when {@link
     * AgentConfig#learn()} is on (default: none). A learning policy's file must exist unless the
     * agent learns online; then a missing file means the policy starts from scratch ({@link
     * AgentSetup#freshPolicy()}).
     */
    public Builder policyFile(Path file) {
      this.policyFile = file;
      return this;
    }

    /** Limits and settings, online learning among them (default {@link AgentConfig#DEFAULT}). */
    public Builder config(AgentConfig c) {
      this.config = Objects.requireNonNull(c, "config");
      return this;
    }

    /** The trajectory file, appended to (default {@link #defaultTrajectory}{@code ("agent")}). */
    public Builder trajectory(Path file) {
      this.trajectory = file;
      return this;
    }

    /** The sandbox the tests run in (default {@link Sandbox#detect()}). */
    public Builder sandbox(Sandbox s) {
      this.sandbox = Objects.requireNonNull(s, "sandbox");
      return this;
    }

    /**
     * Resolves the router, opens the harness and the trajectory file and builds the agent. On
     * failure it closes what it opened, the backends included.
     *
     * @throws AgentException when the router or its policy file do not fit the backends, or a
     *     learning policy's file does not exist and the agent does not learn online
     */
    public AgentSetup build() {
      Objects.requireNonNull(backends, "backends");
      SandboxTestHarness harness = null;
      TrajectoryWriter writer = null;
      RequestEstimator estimator = RequestEstimator.bundled();
      try {
        if (workflow != null) {
          backends.requireRoles("workflow '" + workflow.name() + "'", workflow.roles());
        }
        if (supervisor != null) {
          backends.requireRoles("--supervisor", java.util.List.of(Supervisor.ROLE));
        }
        RouterChoice choice = RouterChoice.of(router, backends.names(), policyFile, config.learn());
        // Text features: tasks without a difficulty label are routed on the estimate from their spec.
        Agent.Builder agent = Agent.builder().config(config).policySaver(choice.saver()).supervisor(supervisor)
            .estimator(estimator);
        backends.addTo(agent);
        choice.applyTo(agent);
        if (sandbox == null) {
          sandbox = Sandbox.detect();
        }
        harness = SandboxTestHarness.withDefaults(sandbox);
        writer = TrajectoryWriter.open(trajectory != null ? trajectory : defaultTrajectory("agent"));
        Agent built = agent.evaluator(harness).build();
        return new AgentSetup(this, choice, harness, writer, built, estimator);
      } catch (RuntimeException e) {
        if (writer != null) {
          writer.close();
        }
        if (harness != null) {
          harness.close();
        }
        backends.close();
        throw e;
      }
    }
  }
}
