package dev.llmux.cli;

import dev.llmux.LlmuxException.ExitCode;
import dev.llmux.agent.AgentException;
import dev.llmux.agent.PolicySaver;
import dev.llmux.router.Outcome;
import dev.llmux.router.RouteContext;
import dev.llmux.router.RouteDecision;
import dev.llmux.router.Router;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place where the agent's command line gets its router.
 *
 * <p>TODO(router branch): build the policy named by {@code spec} from the router module's
 * {@code Registry} (e.g. {@code rl.TabularQ}), load it from {@code policyFile} when the file
 * exists, and return a saver that writes it back there; until then only the interim baselines
 * below exist and they do not learn.
 */
final class AgentRouters {

  /**
   * A router with the saver that persists its policy.
   *
   * @param router the router
   * @param saver saves its policy after each episode when learning
   * @param learns whether the router's policy changes with feedback at all
   */
  record Handle(Router router, PolicySaver saver, boolean learns) {}

  private AgentRouters() {}

  /**
   * Builds the router named by {@code spec}: {@code round-robin} (default) or {@code fixed:NAME}.
   *
   * @param spec the router's name
   * @param backends the backend names it chooses among, in order
   * @param policyFile where a learning policy is loaded from and saved to (unused by the interim routers)
   */
  static Handle create(String spec, List<String> backends, Path policyFile) {
    if (backends.isEmpty()) {
      throw new AgentException(ExitCode.BAD_INPUT, "no backends to route among");
    }
    if (spec.equals("round-robin")) {
      return new Handle(new RoundRobin(backends), PolicySaver.NONE, false);
    }
    if (spec.startsWith("fixed:")) {
      String name = spec.substring("fixed:".length());
      if (!backends.contains(name)) {
        throw new AgentException(ExitCode.BAD_INPUT, "--router " + spec + ": no backend '" + name + "'; the backends are " + backends);
      }
      return new Handle(new Fixed(backends, name), PolicySaver.NONE, false);
    }
    throw new AgentException(ExitCode.BAD_INPUT, "unknown router '" + spec + "': use round-robin or fixed:NAME"
        + " (learning policies arrive with the router module's registry)");
  }

  /** Takes the backends in turn, one per call. */
  private static final class RoundRobin implements Router {
    private final List<String> backends;
    private final AtomicLong next = new AtomicLong();

    RoundRobin(List<String> backends) {
      this.backends = List.copyOf(backends);
    }

    @Override
    public List<String> backends() {
      return backends;
    }

    @Override
    public RouteDecision choose(RouteContext context) {
      String b = backends.get((int) Math.floorMod(next.getAndIncrement(), (long) backends.size()));
      return new RouteDecision(b, 0, "round-robin", 1.0);
    }

    @Override
    public void feedback(RouteDecision decision, Outcome outcome) {}
  }

  /** Always the same backend. */
  private static final class Fixed implements Router {
    private final List<String> backends;
    private final String chosen;

    Fixed(List<String> backends, String chosen) {
      this.backends = List.copyOf(backends);
      this.chosen = chosen;
    }

    @Override
    public List<String> backends() {
      return backends;
    }

    @Override
    public RouteDecision choose(RouteContext context) {
      return new RouteDecision(chosen, 0, "fixed", 1.0);
    }

    @Override
    public void feedback(RouteDecision decision, Outcome outcome) {}
  }
}
