package dev.llmux.cli;

import dev.llmux.agent.Agent;
import dev.llmux.agent.AgentConfig;
import dev.llmux.agent.AgentException;
import dev.llmux.agent.sandbox.Isolation;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.task.SandboxTestHarness;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.trajectory.TrajectoryWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything an agent command needs, built from its options; closes what it opened. */
final class AgentSetup implements AutoCloseable {

  final AgentBackends.Handle backends;
  final AgentRouters.Handle router;
  final SandboxTestHarness harness;
  final TrajectoryWriter trajectory;
  final Agent agent;
  final StepPrinter printer;

  private AgentSetup(AgentBackends.Handle backends, AgentRouters.Handle router, SandboxTestHarness harness,
      TrajectoryWriter trajectory, Agent agent, StepPrinter printer) {
    this.backends = backends;
    this.router = router;
    this.harness = harness;
    this.trajectory = trajectory;
    this.agent = agent;
    this.printer = printer;
  }

  /** Builds the backends, router, sandbox harness, trajectory writer and agent; prints the header. */
  static AgentSetup create(AgentOptions o, List<Task> tasks, String name, PrintWriter out) {
    if (o.backend != null && o.config != null) {
      throw new AgentException("give either --backend or --config, not both");
    }
    AgentBackends.Handle backends;
    if (o.backend != null) {
      if (!o.backend.equals("mock")) {
        throw new AgentException("--backend " + o.backend + ": the only built-in backend kind is 'mock'");
      }
      backends = AgentBackends.mock(tasks, o.seed, o.mockLatencyScale);
    } else if (o.config != null) {
      backends = AgentBackends.fromConfig(o.config);
    } else {
      throw new AgentException("no backends: give --config llmux.json or --backend mock");
    }
    List<String> names = new ArrayList<>(backends.backends().keySet());
    Map<String, dev.llmux.engine.Backend> byName = backends.backends();
    AgentRouters.Handle router = AgentRouters.create(o.router, names, o.policy,
        index -> byName.get(names.get(index)).stats());
    Sandbox sandbox = Sandbox.detect();
    SandboxTestHarness harness = SandboxTestHarness.withDefaults(sandbox);
    Path file = o.trajectory != null ? o.trajectory
        : Path.of("llmux-trajectories", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + name + ".jsonl");
    TrajectoryWriter trajectory = TrajectoryWriter.open(file);
    AgentConfig config = AgentConfig.builder()
        .maxSteps(o.maxSteps)
        .timeLimit(Duration.ofSeconds(o.timeLimitSeconds))
        .seed(o.seed)
        .learn(o.learn)
        .build();
    Agent agent = Agent.builder()
        .router(router.router())
        .backends(backends.backends())
        .evaluator(harness)
        .config(config)
        .costs(backends.costs())
        .policySaver(router.saver())
        .build();
    if (backends.mock()) {
      out.println("[MOCK] backends " + backends.backends().keySet() + " are scripted mocks: they replay reference or"
          + " deliberately wrong solutions, not a model's answers");
    }
    out.println("router: " + o.router + (o.learn ? ", learning" : ", frozen"));
    if (o.learn && !router.learns()) {
      out.println("note: the " + o.router + " router does not learn; --learn saves nothing until a learning policy is used");
    }
    out.println("sandbox: " + (sandbox.isolation() == Isolation.BUBBLEWRAP ? "bubblewrap"
        : "WEAKER ISOLATION (no bubblewrap): " + sandbox.note()));
    out.println("trajectory: " + file);
    out.flush();
    return new AgentSetup(backends, router, harness, trajectory, agent, new StepPrinter(out, o.quiet));
  }

  @Override
  public void close() {
    trajectory.close();
    harness.close();
    backends.close();
  }
}
