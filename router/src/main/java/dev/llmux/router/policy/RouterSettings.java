package dev.llmux.router.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.json.JsonFields;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Every tunable of the router, typed. The defaults live in the commented resource
 * {@code dev/llmux/router/defaults.json}; {@link #load(Path)} overlays a user's file of the same
 * shape. Immutable.
 *
 * @param reward reward weights
 * @param tabularQ settings of {@code rl.TabularQ}
 * @param ucb1 settings of {@code bandit.Ucb1}
 * @param thompson settings of {@code bandit.Thompson}
 * @param regimes latency regime detection
 * @param training episode counts and seed of {@code llmux router train} and {@code eval}
 */
public record RouterSettings(
    Reward reward, TabularQ tabularQ, Ucb1 ucb1, Thompson thompson, Regimes regimes, Training training) {

  private static final String DEFAULTS = "/dev/llmux/router/defaults.json";
  private static final RouterSettings DEFAULT_SETTINGS = parseDefaults();

  /**
   * Q-learning settings.
   *
   * @param alpha learning rate floor, in (0, 1]
   * @param gamma discount, in [0, 1]
   * @param epsilon exploration rate at the start, in [0, 1]
   * @param epsilonMin exploration floor, in [0, epsilon]
   * @param epsilonDecay factor applied to epsilon per finished episode, in (0, 1]
   * @param initialQ value of an action never tried; optimistic (the best possible episode reward,
   *     1) makes every backend tried in every state before the policy settles
   */
  public record TabularQ(
      double alpha, double gamma, double epsilon, double epsilonMin, double epsilonDecay, double initialQ) {}

  /**
   * UCB1 settings.
   *
   * @param c weight of the exploration bonus, 0 or more
   */
  public record Ucb1(double c) {}

  /**
   * Thompson sampling settings.
   *
   * @param priorSigma standard deviation of the prior on a mean reward
   * @param noiseSigma assumed standard deviation of one reward
   * @param probabilityDraws extra draws used to estimate a choice's probability
   */
  public record Thompson(double priorSigma, double noiseSigma, int probabilityDraws) {}

  /**
   * Latency regime detection.
   *
   * @param slowRatio how far from its baseline a backend must be to count as slow, above 1
   * @param baselineAlpha weight of a normal observation in the baseline, in (0, 1]
   * @param probeAfterSeconds age after which a slow verdict expires and the backend is tried again
   * @param maxProbeAfterSeconds the longest that wait grows to while probes keep finding the backend slow
   */
  public record Regimes(double slowRatio, double baselineAlpha, double probeAfterSeconds, double maxProbeAfterSeconds) {}

  /**
   * Training and evaluation runs.
   *
   * @param episodes training episodes
   * @param evalEpisodes evaluation episodes
   * @param seed the seed every random choice derives from
   */
  public record Training(int episodes, int evalEpisodes, long seed) {}

  /** The defaults from the resource file. */
  public static RouterSettings defaults() {
    return DEFAULT_SETTINGS;
  }

  /**
   * The defaults overlaid with the settings in {@code file}.
   *
   * @throws ConfigException when the file is missing, not JSON, or holds an unknown key or a value
   *     out of range (the message names the JSON path)
   */
  public static RouterSettings load(Path file) {
    String where = "settings file " + file;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(where + " does not exist: check the path given to --config");
    } catch (IOException e) {
      throw new ConfigException(where + " cannot be read: " + e.getMessage(), e);
    }
    JsonFields fields = JsonFields.of(where, ConfigException::new);
    JsonNode user = fields.parse(text);
    fields.object(user, "$");
    ObjectNode merged = defaultsTree().deepCopy();
    overlay(merged, user, "$", fields);
    return parse(merged, fields);
  }

  /** These settings with other reward weights. */
  public RouterSettings withReward(Reward other) {
    return new RouterSettings(other, tabularQ, ucb1, thompson, regimes, training);
  }

  /** These settings with other training counts. */
  public RouterSettings withTraining(Training other) {
    return new RouterSettings(reward, tabularQ, ucb1, thompson, regimes, other);
  }

  private static void overlay(ObjectNode target, JsonNode source, String path, JsonFields fields) {
    for (Map.Entry<String, JsonNode> e : source.properties()) {
      String key = e.getKey();
      JsonNode existing = target.get(key);
      if (existing == null) {
        throw fields.error(path + "." + key, "is not a known setting: use one of " + names(target));
      }
      if (existing.isObject()) {
        overlay((ObjectNode) existing, fields.object(e.getValue(), path + "." + key), path + "." + key, fields);
      } else {
        target.set(key, e.getValue());
      }
    }
  }

  private static String names(JsonNode object) {
    StringBuilder s = new StringBuilder();
    object.fieldNames().forEachRemaining(n -> s.append(s.length() == 0 ? "" : ", ").append(n));
    return s.toString();
  }

  private static ObjectNode defaultsTree() {
    try (InputStream in = RouterSettings.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + DEFAULTS + " is missing from the router jar");
      }
      return (ObjectNode) JsonFields.mapper().readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("the resource " + DEFAULTS + " cannot be read", e);
    }
  }

  private static RouterSettings parseDefaults() {
    return parse(defaultsTree(), JsonFields.of("resource " + DEFAULTS, IllegalStateException::new));
  }

  private static RouterSettings parse(JsonNode root, JsonFields f) {
    f.onlyKeys(root, "$", "reward", "tabularQ", "ucb1", "thompson", "regimes", "training");
    JsonNode r = f.object(root.get("reward"), "$.reward");
    f.onlyKeys(r, "$.reward", "lambda", "mu");
    Reward reward = new Reward(f.number(r, "$.reward", "lambda", 0, 1e6), f.number(r, "$.reward", "mu", 0, 1e9));

    JsonNode q = f.object(root.get("tabularQ"), "$.tabularQ");
    f.onlyKeys(q, "$.tabularQ", "alpha", "gamma", "epsilon", "epsilonMin", "epsilonDecay", "initialQ");
    double epsilon = f.number(q, "$.tabularQ", "epsilon", 0, 1);
    TabularQ tabularQ = new TabularQ(
        f.number(q, "$.tabularQ", "alpha", 1e-9, 1),
        f.number(q, "$.tabularQ", "gamma", 0, 1),
        epsilon,
        f.number(q, "$.tabularQ", "epsilonMin", 0, epsilon),
        f.number(q, "$.tabularQ", "epsilonDecay", 1e-9, 1),
        f.number(q, "$.tabularQ", "initialQ", -1e6, 1e6));

    JsonNode u = f.object(root.get("ucb1"), "$.ucb1");
    f.onlyKeys(u, "$.ucb1", "c");
    Ucb1 ucb1 = new Ucb1(f.number(u, "$.ucb1", "c", 0, 1e6));

    JsonNode t = f.object(root.get("thompson"), "$.thompson");
    f.onlyKeys(t, "$.thompson", "priorSigma", "noiseSigma", "probabilityDraws");
    Thompson thompson = new Thompson(
        f.number(t, "$.thompson", "priorSigma", 1e-9, 1e6),
        f.number(t, "$.thompson", "noiseSigma", 1e-9, 1e6),
        (int) f.integer(t, "$.thompson", "probabilityDraws", 0, 100_000));

    JsonNode g = f.object(root.get("regimes"), "$.regimes");
    f.onlyKeys(g, "$.regimes", "slowRatio", "baselineAlpha", "probeAfterSeconds", "maxProbeAfterSeconds");
    double probeAfter = f.number(g, "$.regimes", "probeAfterSeconds", 0, 1e9);
    Regimes regimes = new Regimes(
        f.number(g, "$.regimes", "slowRatio", 1.0001, 1e6),
        f.number(g, "$.regimes", "baselineAlpha", 1e-9, 1),
        probeAfter,
        f.number(g, "$.regimes", "maxProbeAfterSeconds", probeAfter, 1e9));

    JsonNode tr = f.object(root.get("training"), "$.training");
    f.onlyKeys(tr, "$.training", "episodes", "evalEpisodes", "seed");
    Training training = new Training(
        (int) f.integer(tr, "$.training", "episodes", 0, 100_000_000),
        (int) f.integer(tr, "$.training", "evalEpisodes", 1, 100_000_000),
        f.integer(tr, "$.training", "seed", Long.MIN_VALUE, Long.MAX_VALUE));
    return new RouterSettings(reward, tabularQ, ucb1, thompson, regimes, training);
  }
}
