package dev.llmux.agent;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.PolicyRouter;
import dev.llmux.router.policy.PolicyFiles;
import dev.llmux.router.policy.Registry;
import dev.llmux.router.policy.RouterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The routing policy an agent set-up asks for, resolved against its backends: a registry spec
 * ({@code rl.TabularQ}, {@code bandit.Ucb1}, {@code baseline.Random}, ...) or one of its aliases,
 * {@code round-robin} ({@code baseline.RoundRobin}) and {@code fixed:NAME} ({@code
 * baseline.Always(NAME)}). A policy that learns is loaded from the policy file (a policy trained
 * with {@code llmux router train}) and, when learning online, saved back there. A policy file that
 * does not exist is an error unless the agent learns online: then the policy starts from scratch
 * ({@link #fresh()}). Baselines neither read nor write the file.
 */
final class RouterChoice {

  private final String spec;
  private final List<String> backends;
  private final Path policyFile;
  private final boolean learns;
  private final boolean fresh;

  private RouterChoice(String spec, List<String> backends, Path policyFile, boolean learns, boolean fresh) {
    this.spec = spec;
    this.backends = backends;
    this.policyFile = policyFile;
    this.learns = learns;
    this.fresh = fresh;
  }

  /**
   * Resolves {@code spec} for these backends.
   *
   * @param spec the router as the user wrote it
   * @param backends the backends' names, in routing order
   * @param policyFile where a learning policy is loaded from and saved to; {@code null} for none
   * @param learnOnline whether the agent learns online (then a missing policy file starts a fresh policy)
   * @throws AgentException when the spec names no policy or an unknown backend, or when a learning
   *     policy's file does not exist and the agent does not learn online
   */
  static RouterChoice of(String spec, List<String> backends, Path policyFile, boolean learnOnline) {
    if (backends.isEmpty()) {
      throw new AgentException("no backends to route among");
    }
    Registry registry = Registry.standard();
    String canonical;
    try {
      canonical = registry.canonical(spec);
    } catch (ConfigException e) {
      throw new AgentException("unknown router '" + spec + "': use " + String.join(", ", registry.aliases())
          + " or a policy: " + String.join(", ", registry.names()));
    }
    String always = "baseline.Always(";
    if (canonical.startsWith(always)) {
      String name = canonical.substring(always.length(), canonical.length() - 1);
      if (!backends.contains(name)) {
        throw new AgentException("--router " + spec + ": no backend '" + name + "'; the backends are " + backends);
      }
    }
    boolean learns = registry.kind(canonical) == Registry.Kind.LEARNED;
    boolean fresh = learns && policyFile != null && !Files.exists(policyFile);
    if (fresh && !learnOnline) {
      throw new AgentException("the policy file " + policyFile + " does not exist: train one with 'llmux router train"
          + " --policy " + canonical + " --out " + policyFile + "' (for the mock tiers add --preset mock-tiers), pass"
          + " another --policy file, or pass --learn to start learning from scratch");
    }
    return new RouterChoice(canonical, backends, learns ? policyFile : null, learns, fresh);
  }

  /** Whether the policy changes with feedback at all. */
  boolean learns() {
    return learns;
  }

  /** Whether a learning policy starts from scratch because its policy file does not exist yet (learning online). */
  boolean fresh() {
    return fresh;
  }

  /**
   * Sets the policy on the agent builder: the one in the policy file when it exists, else a fresh one.
   *
   * @throws AgentException when the file's policy routes among other backends or is another policy
   */
  Agent.Builder applyTo(Agent.Builder builder) {
    if (policyFile == null || !Files.exists(policyFile)) {
      return builder.policy(spec);
    }
    PolicyFiles.Loaded loaded = PolicyFiles.load(policyFile, Registry.standard(), RouterSettings.defaults(),
        RouterSettings.defaults().training().seed());
    if (!loaded.context().backends().equals(backends)) {
      throw new AgentException("the policy in " + policyFile + " routes among " + loaded.context().backends()
          + ", but these backends are " + backends + ": train one for them (for the mock tiers: llmux router train"
          + " --preset mock-tiers --out " + policyFile + ") or pass another --policy file");
    }
    if (!loaded.policy().name().equals(spec)) {
      throw new AgentException("the policy in " + policyFile + " is " + loaded.policy().name() + ", not " + spec
          + ": pass --router " + loaded.policy().name() + " or another --policy file");
    }
    return builder.policy(loaded.policy());
  }

  /** Saves the policy to the policy file after each learning episode; nothing for baselines or without a file. */
  PolicySaver saver() {
    Path file = policyFile;
    return file == null ? PolicySaver.NONE : (PolicyRouter router) -> router.save(file);
  }
}
