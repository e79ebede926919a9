package dev.llmux.cli;

import dev.llmux.agent.AgentBackends;
import dev.llmux.agent.AgentConfig;
import dev.llmux.agent.AgentException;
import dev.llmux.agent.AgentSetup;
import dev.llmux.agent.Supervisor;
import dev.llmux.agent.sandbox.Isolation;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.workflow.Workflow;
import dev.llmux.agent.workflow.Workflows;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code llmux agent run} and {@code llmux agent bench}. */
final class AgentOptions {

  @Option(names = "--backend", paramLabel = "KIND",
      description = "Backends to use instead of a catalog: 'mock' (three scripted tiers, no model).")
  String backend;

  @Option(names = "--config", paramLabel = "FILE", description = "Model catalog (llmux.json) whose backends the router picks from.")
  Path config;

  @Option(names = "--router", paramLabel = "SPEC", defaultValue = "round-robin",
      description = "Router: round-robin (the default, baseline.RoundRobin: the backends in turn), fixed:NAME"
          + " (baseline.Always(NAME): always that backend), or another routing policy: rl.TabularQ,"
          + " bandit.Ucb1, bandit.Thompson, contextual.LinUcb (these learn and are loaded from --policy), baseline.Random,"
          + " baseline.Cascade.")
  String router;

  @Option(names = "--policy", paramLabel = "FILE", defaultValue = "llmux-policy.json",
      description = "Where a learning router's policy is loaded from and, with --learn, saved to (default: ${DEFAULT-VALUE})."
          + " It must exist (make one with 'llmux router train --out FILE') unless --learn is given: then a missing"
          + " file means learning starts from scratch.")
  Path policy;

  @Option(names = "--learn", description = "Online learning: feed rewards to the router and save its policy after each episode.")
  boolean learn;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the agent's sampling and the mock's choices (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--mock-latency-scale", defaultValue = "1.0", paramLabel = "X",
      description = "Multiplies the mock tiers' latencies; 0 answers at once (default: ${DEFAULT-VALUE}).")
  double mockLatencyScale;

  @Option(names = "--max-steps", defaultValue = "12", description = "Step limit per episode (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--time-limit", defaultValue = "600", paramLabel = "SECONDS",
      description = "Time limit per episode in seconds (default: ${DEFAULT-VALUE}).")
  long timeLimitSeconds;

  @Option(names = "--trajectory", paramLabel = "FILE",
      description = "Trajectory file (JSONL, appended); default: llmux-trajectories/<time>-<name>.jsonl.")
  Path trajectory;

  @Option(names = "--workflow", paramLabel = "NAME", defaultValue = "solo",
      description = "How the roles work on each task: solo (one routed loop; the default), writer-reviewer-tester"
          + " (the loop writes, the reviewer and tester roles check), planner-implementer (the planner role plans,"
          + " the loop carries out each step). Roles other than solo's must be in the catalog.")
  String workflow;

  @Option(names = "--supervisor",
      description = "Run the asynchronous supervisor role every 3 steps or 30 s (at most 5 calls an episode): its"
          + " advice (continue, a hint, switch model, stop) applies at the next step; the loop never waits for it.")
  boolean supervisor;

  @Option(names = "--quiet", description = "Print only episode summaries, not every step.")
  boolean quiet;

  /**
   * Builds the agent set-up these options describe and prints its header (backends, router,
   * sandbox, trajectory) on {@code out}; a note on {@code err} when a learning policy starts from scratch.
   */
  AgentSetup setup(List<Task> tasks, String name, PrintWriter out, PrintWriter err) {
    AgentSetup setup = AgentSetup.builder()
        .backends(backends(tasks))
        .workflow(workflow())
        .supervisor(supervisor ? Supervisor.Settings.DEFAULT : null)
        .router(router)
        .policyFile(policy)
        .config(AgentConfig.builder()
            .maxSteps(maxSteps)
            .timeLimit(Duration.ofSeconds(timeLimitSeconds))
            .seed(seed)
            .learn(learn)
            .build())
        .trajectory(trajectory != null ? trajectory : AgentSetup.defaultTrajectory(name))
        .build();
    if (setup.backends().mock()) {
      out.println("[MOCK] backends " + setup.backends().names() + " are scripted mocks: they replay reference or"
          + " deliberately wrong solutions, not a model's answers");
    }
    for (String model : setup.backends().synthetic()) {
      out.println("[SYNTHETIC] '" + model + "' is a synthetic model made by llmux (random weights): its speed is real,"
          + " its text is noise");
    }
    if (setup.freshPolicy()) {
      err.println("note: " + setup.policyFile() + " does not exist: the " + router + " policy starts learning from"
          + " scratch and is saved there");
      err.flush();
    }
    out.println("workflow: " + workflow + (supervisor ? ", with the supervisor" : ""));
    out.println("router: " + router + (learn ? ", learning" : ", frozen"));
    if (learn && !setup.learns()) {
      out.println("note: the " + router + " router does not learn; --learn saves nothing until a learning policy is used");
    }
    out.println("sandbox: " + (setup.sandbox().isolation() == Isolation.BUBBLEWRAP ? "bubblewrap"
        : "WEAKER ISOLATION (no bubblewrap): " + setup.sandbox().note()));
    out.println("trajectory: " + setup.trajectory().path());
    out.flush();
    return setup;
  }

  /** The workflow {@code --workflow} names. */
  Workflow workflow() {
    return Workflows.named(workflow);
  }

  private AgentBackends backends(List<Task> tasks) {
    if (backend != null && config != null) {
      throw new AgentException("give either --backend or --config, not both");
    }
    if (backend != null) {
      if (!backend.equals("mock")) {
        throw new AgentException("--backend " + backend + ": the only built-in backend kind is 'mock'");
      }
      return AgentBackends.mock(tasks, seed, mockLatencyScale);
    }
    if (config != null) {
      return AgentBackends.fromCatalog(config);
    }
    throw new AgentException("no backends: give --config llmux.json or --backend mock");
  }
}
