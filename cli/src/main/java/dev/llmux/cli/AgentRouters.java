package dev.llmux.cli;

import dev.llmux.agent.AgentException;
import dev.llmux.agent.PolicySaver;
import dev.llmux.router.BackendStatsSource;
import dev.llmux.router.PolicyRouter;
import dev.llmux.router.Router;
import dev.llmux.router.policy.Outcome;
import dev.llmux.router.policy.PolicyFiles;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.RouterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place where the agent's command line gets its router.
 *
 * <p>A registry spec ({@code rl.TabularQ}, {@code bandit.Ucb1}, {@code bandit.Thompson},
 * {@code baseline.Random}, ...) makes a {@link PolicyRouter}: its policy is loaded from {@code
 * policyFile} when that file exists (a policy trained with {@code llmux router train}), else made
 * fresh; the saver writes it back there. {@code round-robin} and {@code fixed:NAME} are simple
 * routers that do not learn.
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
    return create(spec, backends, policyFile, BackendStatsSource.idle());
  }

  /** As {@link #create(String, List, Path)}, with the backends' live figures for the router's state. */
  static Handle create(String spec, List<String> backends, Path policyFile, BackendStatsSource stats) {
    if (backends.isEmpty()) {
      throw new AgentException("no backends to route among");
    }
    if (spec.equals("round-robin")) {
      return new Handle(new RoundRobin(backends), PolicySaver.NONE, false);
    }
    if (spec.startsWith("fixed:")) {
      String name = spec.substring("fixed:".length());
      if (!backends.contains(name)) {
        throw new AgentException("--router " + spec + ": no backend '" + name + "'; the backends are " + backends);
      }
      return new Handle(new Fixed(backends, name), PolicySaver.NONE, false);
    }
    if (!Registry.standard().names().contains(spec) && !spec.startsWith("baseline.Always")) {
      throw new AgentException("unknown router '" + spec + "': use round-robin, fixed:NAME or a"
          + " policy: " + String.join(", ", Registry.standard().names()));
    }
    PolicyRouter.Builder b = PolicyRouter.builder().backends(backends).stats(stats);
    if (policyFile != null && Files.exists(policyFile)) {
      PolicyFiles.Loaded loaded = PolicyFiles.load(policyFile, Registry.standard(), RouterSettings.defaults(),
          RouterSettings.defaults().training().seed());
      if (!loaded.context().backends().equals(backends)) {
        throw new AgentException("the policy in " + policyFile + " routes among "
            + loaded.context().backends() + ", but these backends are " + backends + ": train one for them (for the mock"
            + " tiers: llmux router train --preset mock-tiers --out " + policyFile + ") or pass another --policy file");
      }
      if (!loaded.policy().name().equals(spec)) {
        throw new AgentException("the policy in " + policyFile + " is " + loaded.policy().name()
            + ", not " + spec + ": pass --router " + loaded.policy().name() + " or another --policy file");
      }
      b.policy(loaded.policy());
    } else {
      b.policy(spec);
    }
    PolicyRouter router = b.build();
    PolicySaver saver = policyFile == null ? PolicySaver.NONE : () -> router.save(policyFile);
    return new Handle(router, saver, true);
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
