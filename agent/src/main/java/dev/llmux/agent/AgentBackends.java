package dev.llmux.agent;

import dev.llmux.agent.mock.MockBackends;
import dev.llmux.agent.mock.MockTier;
import dev.llmux.agent.task.Task;
import dev.llmux.engine.Backend;
import dev.llmux.engine.Price;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelManager;
import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.router.RoutedBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The backends an agent routes among, with their prices, in routing order: the models of a catalog
 * ({@link #fromCatalog}) or the scripted mock tiers ({@link #mock}). Closing it closes the backends.
 */
public final class AgentBackends implements AutoCloseable {

  private final Map<String, Backend> backends;
  private final Map<String, Price> prices;
  private final boolean mock;
  private final Set<String> synthetic;
  private final AutoCloseable owner;
  private Backend summarizer;
  private final Map<String, RoleSet> roles = new LinkedHashMap<>();
  private Catalog catalog;

  /**
   * The models of one workflow role, routed by their own router.
   *
   * @param backends the role's backends by name, in routing order
   * @param prices their prices by name
   * @param policy the role's routing policy (a registry spec)
   * @param policyFile the file the policy is loaded from, or {@code null}
   */
  private record RoleSet(Map<String, Backend> backends, Map<String, Price> prices, String policy, Path policyFile) {}

  private AgentBackends(Map<String, Backend> backends, Map<String, Price> prices, boolean mock, AutoCloseable owner) {
    this.backends = backends;
    this.prices = prices;
    this.mock = mock;
    this.owner = owner;
    Set<String> s = new LinkedHashSet<>();
    backends.forEach((name, b) -> {
      if (b instanceof LlamaBackend lb && lb.synthetic()) {
        s.add(name);
      }
    });
    this.synthetic = Collections.unmodifiableSet(s);
  }

  /** The three standard mock tiers for these tasks, each priced per call ({@link MockTier#price()}). */
  public static AgentBackends mock(List<Task> tasks, long seed, double latencyScale) {
    Map<String, Backend> backends = MockBackends.standard(tasks, seed, latencyScale);
    AgentBackends out = new AgentBackends(backends, MockBackends.prices(MockTier.STANDARD), true,
        () -> backends.values().forEach(Backend::close));
    MockBackends.roles(tasks, seed, latencyScale).forEach((role, set) -> {
      Map<String, Price> prices = new LinkedHashMap<>();
      set.keySet().forEach(n -> prices.put(n, Price.perCall(n.endsWith("strong") ? MockTier.STRONG.costPerCall()
          : n.endsWith("planner") ? MockTier.BALANCED.costPerCall() : MockTier.FAST.costPerCall())));
      out.roles.put(role, new RoleSet(set, prices, "bandit.Ucb1", null));
    });
    return out;
  }

  /**
   * The backends of a model catalog ({@code llmux.json}): the models of its {@code primary} role
   * when it defines one, else every model it names, in file order (local models load now, within
   * the catalog's memory budget), HTTP models priced as the catalog says ({@code
   * inputPricePerMillion}, {@code outputPricePerMillion}), local models free. Its {@code summarizer}
   * role, when defined, compacts prompts that outgrow a backend's context.
   *
   * @throws AgentException when the catalog names no models
   */
  public static AgentBackends fromCatalog(Path catalogFile) {
    ModelManager manager = Catalog.open(catalogFile);
    Map<String, Backend> backends = new LinkedHashMap<>();
    Map<String, Price> prices = new LinkedHashMap<>();
    try {
      if (manager.catalog().models().isEmpty()) {
        throw new AgentException("the catalog " + catalogFile + " names no models: add some under \"models\"");
      }
      Catalog catalog = manager.catalog();
      for (String name : catalog.roles().containsKey("primary") ? catalog.resolve("primary") : catalog.models().keySet()) {
        backends.put(name, manager.model(name));
        prices.put(name, manager.price(name));
      }
      AgentBackends out = new AgentBackends(backends, prices, false, manager);
      out.catalog = catalog;
      if (catalog.roles().containsKey("summarizer")) {
        out.summarizer = manager.backend("summarizer");
      }
      for (String role : catalog.roles().keySet()) {
        if (role.equals("primary") || role.equals("summarizer")) {
          continue;
        }
        Map<String, Backend> set = new LinkedHashMap<>();
        Map<String, Price> rolePrices = new LinkedHashMap<>();
        for (String name : catalog.resolve(role)) {
          set.put(name, manager.model(name));
          rolePrices.put(name, manager.price(name));
        }
        Catalog.RoleRouting routing = catalog.routing().get(role);
        String policy = routing != null ? routing.policy() : "baseline.Always(" + set.keySet().iterator().next() + ")";
        out.roles.put(role, new RoleSet(set, rolePrices, policy, routing != null ? routing.policyFile() : null));
      }
      return out;
    } catch (RuntimeException ex) {
      manager.close();
      throw ex;
    }
  }

  /** The backends' names, in routing order. */
  public List<String> names() {
    return new ArrayList<>(backends.keySet());
  }

  /** The price of the named backend. */
  public Price price(String name) {
    return prices.getOrDefault(name, Price.FREE);
  }

  /** Whether the backends are scripted mocks, not models. */
  public boolean mock() {
    return mock;
  }

  /**
   * The names of the backends that are synthetic models made by llmux (random weights: their speed
   * is real, their text is noise), in routing order; empty for the mocks and for real models.
   */
  public Set<String> synthetic() {
    return synthetic;
  }

  /**
   * Checks that every role {@code user} (a workflow, the supervisor) needs is defined.
   *
   * @throws dev.llmux.engine.ConfigException naming the role and the catalog file when a catalog lacks it
   * @throws AgentException naming the role otherwise
   */
  public void requireRoles(String user, List<String> needed) {
    for (String role : needed) {
      if (!roles.containsKey(role)) {
        if (catalog != null) {
          catalog.requireRole(role, user);
        }
        throw new AgentException(user + " uses role '" + role + "', which these backends lack");
      }
    }
  }

  /** The workflow roles these backends define ({@code reviewer}, {@code tester}, ...), in order. */
  public List<String> roles() {
    return new ArrayList<>(roles.keySet());
  }

  /**
   * Adds every backend, with its price, to an agent builder, in routing order; the summarizer
   * role, if any; and each workflow role as a routed backend with its own router.
   */
  public Agent.Builder addTo(Agent.Builder builder) {
    builder.summarizer(summarizer);
    roles.forEach((role, set) -> {
      RoutedBackend.Builder b = RoutedBackend.builder().name(role);
      set.backends().forEach((name, backend) -> b.backend(backend, set.prices().get(name)));
      if (set.policyFile() != null && java.nio.file.Files.exists(set.policyFile())) {
        b.policyFile(set.policyFile());
      }
      b.policy(set.policy());
      builder.role(role, b.build());
    });
    for (Map.Entry<String, Backend> e : backends.entrySet()) {
      builder.backend(e.getValue(), price(e.getKey()));
    }
    return builder;
  }

  /** Closes every backend. */
  @Override
  public void close() {
    try {
      owner.close();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
