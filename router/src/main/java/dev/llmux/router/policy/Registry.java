package dev.llmux.router.policy;

import dev.llmux.engine.ConfigException;
import dev.llmux.router.policy.bandit.ThompsonPolicy;
import dev.llmux.router.policy.bandit.Ucb1Policy;
import dev.llmux.router.policy.contextual.LinUcbPolicy;
import dev.llmux.router.policy.baseline.AlwaysPolicy;
import dev.llmux.router.policy.baseline.CascadePolicy;
import dev.llmux.router.policy.baseline.RandomPolicy;
import dev.llmux.router.policy.baseline.RoundRobinPolicy;
import dev.llmux.router.policy.oracle.OraclePolicy;
import dev.llmux.router.policy.rl.TabularQPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of every routing policy and how to make each, registered explicitly (no classpath
 * scanning). A policy is named by a spec: its name, with an argument in parentheses for the
 * policies that take one ({@code "rl.TabularQ"}, {@code "baseline.Always(strong)"}). An alias is
 * another spelling of a registered policy: {@code round-robin} is {@code baseline.RoundRobin}, and
 * {@code fixed:NAME} is {@code baseline.Always(NAME)}.
 */
public final class Registry {

  /** Makes a policy from a context and the spec's argument (empty when there is none). */
  @FunctionalInterface
  public interface Factory {
    /** A new policy. */
    RoutingPolicy create(PolicyContext context, String argument);
  }

  /** What a policy is, which decides how an evaluation runs it. */
  public enum Kind {
    /** Learns from outcomes: trained, then frozen, then evaluated. */
    LEARNED,
    /** Fixed: evaluated as it is. */
    BASELINE,
    /** Knows the simulator's ground truth: the yardstick for regret. */
    ORACLE
  }

  /** How a policy takes an argument. */
  public enum Argument {
    /** No argument. */
    NONE,
    /** An optional argument. */
    OPTIONAL,
    /** A required argument. */
    REQUIRED
  }

  private record Entry(String name, Kind kind, Argument argument, String help, Factory factory, boolean compared) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();

  private Registry() {}

  /** The registry of every policy llmux ships. */
  public static Registry standard() {
    Registry r = new Registry();
    r.register(OraclePolicy.NAME, Kind.ORACLE, Argument.NONE,
        "optimal for the simulator's true model (simulation only)", (c, a) -> new OraclePolicy(c));
    r.register(TabularQPolicy.NAME, Kind.LEARNED, Argument.NONE,
        "Q-learning over episodes, epsilon-greedy", (c, a) -> new TabularQPolicy(c));
    r.register(Ucb1Policy.NAME, Kind.LEARNED, Argument.NONE,
        "UCB1 bandit per state", (c, a) -> new Ucb1Policy(c));
    r.register(ThompsonPolicy.NAME, Kind.LEARNED, Argument.NONE,
        "Gaussian Thompson sampling per state", (c, a) -> new ThompsonPolicy(c));
    r.register(LinUcbPolicy.NAME, Kind.LEARNED, Argument.NONE,
        "LinUCB over the request's text vector and state features", (c, a) -> new LinUcbPolicy(c));
    r.register(AlwaysPolicy.NAME, Kind.BASELINE, Argument.REQUIRED,
        "always the named backend: baseline.Always(<backend>)", AlwaysPolicy::new);
    r.register(RandomPolicy.NAME, Kind.BASELINE, Argument.NONE,
        "a uniformly random backend", (c, a) -> new RandomPolicy(c));
    r.register(CascadePolicy.NAME, Kind.BASELINE, Argument.OPTIONAL,
        "cheapest first, one rung up per failed attempt: baseline.Cascade[(a,b,c)]", CascadePolicy::new);
    r.add(new Entry(RoundRobinPolicy.NAME, Kind.BASELINE, Argument.NONE,
        "the available backends in turn", (c, a) -> new RoundRobinPolicy(c), false));
    r.alias("round-robin", RoundRobinPolicy.NAME);
    r.alias("fixed:", AlwaysPolicy.NAME);
    return r;
  }

  /** Adds a policy under {@code name}; {@link #comparison} runs it. */
  public void register(String name, Kind kind, Argument argument, String help, Factory factory) {
    add(new Entry(name, kind, argument, help, factory, true));
  }

  private void add(Entry e) {
    if (entries.containsKey(e.name()) || aliases.containsKey(e.name())) {
      throw new IllegalArgumentException("a policy called " + e.name() + " is already registered");
    }
    entries.put(e.name(), e);
  }

  /**
   * Adds {@code alias} as another spelling of the registered policy {@code name}. An alias that ends
   * with a colon takes the policy's argument after it: with {@code alias("fixed:", "baseline.Always")},
   * {@code fixed:strong} is {@code baseline.Always(strong)}.
   *
   * @throws IllegalArgumentException when {@code name} is not registered or the alias is taken
   */
  public void alias(String alias, String name) {
    if (!entries.containsKey(name)) {
      throw new IllegalArgumentException("no policy called " + name + " is registered");
    }
    if (entries.containsKey(alias) || aliases.containsKey(alias)) {
      throw new IllegalArgumentException("the name " + alias + " is already taken");
    }
    aliases.put(alias, name);
  }

  /** Every registered name, in registration order. */
  public List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  /** Every alias as it is written, an argument shown as {@code NAME}: {@code [round-robin, fixed:NAME]}. */
  public List<String> aliases() {
    List<String> spellings = new ArrayList<>();
    for (String alias : aliases.keySet()) {
      spellings.add(alias.endsWith(":") ? alias + "NAME" : alias);
    }
    return spellings;
  }

  /**
   * The registered spelling of {@code spec}, the name the policy it makes reports: {@code
   * fixed:strong} gives {@code baseline.Always(strong)}; a spec without an alias comes back trimmed.
   *
   * @throws ConfigException when the name is unknown or the spec malformed
   */
  public String canonical(String spec) {
    String[] parts = parse(spec);
    entry(parts[0]);
    return parts[1].isEmpty() ? parts[0] : parts[0] + "(" + parts[1] + ")";
  }

  /** One line of help for {@code name}. */
  public String help(String name) {
    return entry(name).help();
  }

  /** The kind of the policy named by {@code spec}. */
  public Kind kind(String spec) {
    return entry(parse(spec)[0]).kind();
  }

  /**
   * Makes the policy named by {@code spec}.
   *
   * @throws ConfigException when the name is unknown or the argument is missing or not allowed
   */
  public RoutingPolicy create(String spec, PolicyContext context) {
    String[] parts = parse(spec);
    Entry e = entry(parts[0]);
    String argument = parts[1];
    if (e.argument() == Argument.NONE && !argument.isEmpty()) {
      throw new ConfigException("policy " + e.name() + " takes no argument: write " + e.name() + ", not " + spec);
    }
    if (e.argument() == Argument.REQUIRED && argument.isEmpty()) {
      throw new ConfigException("policy " + e.name() + " needs an argument: " + e.help());
    }
    return e.factory().create(context, argument);
  }

  /**
   * The specs of a full comparison over {@code backends}: the oracle, every learned policy, one
   * {@code baseline.Always} per backend, then the other baselines ({@code baseline.RoundRobin}
   * aside: in a simulation it scores as {@code baseline.Random} does).
   */
  public List<String> comparison(List<String> backends) {
    List<String> specs = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e.kind() == Kind.ORACLE) {
        specs.add(e.name());
      }
    }
    for (Entry e : entries.values()) {
      if (e.kind() == Kind.LEARNED) {
        specs.add(e.name());
      }
    }
    for (Entry e : entries.values()) {
      if (e.kind() == Kind.BASELINE && e.compared()) {
        if (e.argument() == Argument.REQUIRED) {
          for (String b : backends) {
            specs.add(e.name() + "(" + b + ")");
          }
        } else {
          specs.add(e.name());
        }
      }
    }
    return specs;
  }

  private Entry entry(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new ConfigException("no policy is called '" + name + "': use one of " + names()
          + " or " + String.join(", ", aliases()));
    }
    return e;
  }

  /** Splits "name(argument)" into name and argument, an alias replaced by its policy's name. */
  private String[] parse(String spec) {
    String s = spec.trim();
    int open = s.indexOf('(');
    if (open < 0) {
      int colon = s.indexOf(':');
      if (colon >= 0 && aliases.containsKey(s.substring(0, colon + 1))) {
        return new String[] {aliases.get(s.substring(0, colon + 1)), s.substring(colon + 1).trim()};
      }
      return new String[] {aliases.getOrDefault(s, s), ""};
    }
    if (!s.endsWith(")")) {
      throw new ConfigException("policy spec '" + spec + "' opens a parenthesis it does not close: write name(argument)");
    }
    return new String[] {s.substring(0, open).trim(), s.substring(open + 1, s.length() - 1).trim()};
  }
}
