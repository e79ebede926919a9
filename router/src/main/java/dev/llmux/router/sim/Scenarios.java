package dev.llmux.router.sim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.Price;
import dev.llmux.engine.json.JsonFields;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.StateSpace;
import dev.llmux.router.sim.Scenario.ByDifficulty;
import dev.llmux.router.sim.Scenario.LogNormal;
import dev.llmux.router.sim.Scenario.Profile;
import dev.llmux.router.sim.Scenario.Published;
import dev.llmux.router.sim.Scenario.RandomWindows;
import dev.llmux.router.sim.Scenario.Source;
import dev.llmux.router.sim.Scenario.Window;
import dev.llmux.router.sim.Scenario.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Presets and profiles files: reads scenarios from JSON and checks every field.
 *
 * <p>A file holds {@code "format": "llmux-router-profiles"}, {@code "version": 1}, a name and
 * description, its sources, the reward, the workload and the backends (cheapest first). Each
 * backend gives its pass rates either directly ({@code "firstTry"} and {@code "retry"} by
 * difficulty) or as the published aggregate figures ({@code "published": {"firstTry",
 * "afterFeedback"}}) that {@link Calibration} spreads over difficulties. Every error names the file,
 * the JSON path and the allowed values. A backend may set its own {@code "answerTokens"} (a
 * verbose model); otherwise it uses the workload's. The presets are resources under {@code
 * dev/llmux/router/sim/presets/}; {@code docs/router.md} lists them with their sources.
 */
public final class Scenarios {

  /** The value of the {@code format} field. */
  public static final String FORMAT = "llmux-router-profiles";
  /** The version this code reads. */
  public static final int VERSION = 1;

  private static final List<String> PRESETS = List.of("toy", "qwen-coder", "primary-under-load", "mock-tiers");

  private Scenarios() {}

  /** The names of the presets, in the order the docs present them. */
  public static List<String> presets() {
    return PRESETS;
  }

  /**
   * A preset by name.
   *
   * @throws ConfigException when there is no such preset
   */
  public static Scenario preset(String name) {
    return parse(presetText(name), "preset " + name);
  }

  /** The JSON text of a preset, a starting point for a profiles file of one's own. */
  public static String presetText(String name) {
    if (!PRESETS.contains(name)) {
      throw new ConfigException("there is no preset called '" + name + "': use one of " + PRESETS);
    }
    String resource = "/dev/llmux/router/sim/presets/" + name + ".json";
    try (InputStream in = Scenarios.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + resource + " is missing from the router jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("the resource " + resource + " cannot be read", e);
    }
  }

  /**
   * A profiles file.
   *
   * @throws ConfigException when the file is missing, not JSON, or invalid (the message names the
   *     JSON path)
   */
  public static Scenario load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("profiles file " + file + " does not exist: check the path given to --profiles");
    } catch (IOException e) {
      throw new ConfigException("profiles file " + file + " cannot be read: " + e.getMessage(), e);
    }
    return parse(text, "profiles file " + file);
  }

  /**
   * A scenario from JSON text; {@code where} names the text in messages.
   *
   * @throws ConfigException when the JSON is invalid
   */
  public static Scenario parse(String text, String where) {
    JsonFields f = JsonFields.of(where, ConfigException::new);
    JsonNode root = f.object(f.parse(text), "$");
    JsonNode format = root.get("format");
    if (format == null || !FORMAT.equals(format.asText())) {
      throw new ConfigException(where + " is not an llmux profiles file: its \"format\" is "
          + (format == null ? "missing" : format) + ", expected \"" + FORMAT + "\"");
    }
    long version = f.integer(root, "$", "version", 1, Integer.MAX_VALUE);
    if (version != VERSION) {
      throw new ConfigException(where + " has version " + version + "; this llmux reads version " + VERSION);
    }
    f.onlyKeys(root, "$", "format", "version", "name", "description", "sources", "reward", "workload", "backends");
    String name = f.text(root, "$", "name");
    String description = f.text(root, "$", "description", "");
    List<Source> sources = sources(f, root, "$");
    JsonNode r = f.object(root.get("reward"), "$.reward");
    f.onlyKeys(r, "$.reward", "lambda", "mu");
    Reward reward = new Reward(f.number(r, "$.reward", "lambda", 0, 1e6), f.number(r, "$.reward", "mu", 0, 1e9));
    Workload workload = workload(f, f.object(root.get("workload"), "$.workload"));

    List<Profile> backends = new ArrayList<>();
    Set<String> names = new HashSet<>();
    var array = f.array(root, "$", "backends");
    if (array.isEmpty() || array.size() > StateSpace.MAX_BACKENDS) {
      throw f.error("$.backends", "has " + array.size() + " backends: give 1 to " + StateSpace.MAX_BACKENDS);
    }
    for (int i = 0; i < array.size(); i++) {
      String path = "$.backends[" + i + "]";
      Profile p = profile(f, f.object(array.get(i), path), path, workload);
      if (!names.add(p.name())) {
        throw f.error(path + ".name", "repeats the name '" + p.name() + "': give each backend its own name");
      }
      backends.add(p);
    }
    return new Scenario(name, description, sources, reward, workload, backends);
  }

  private static Workload workload(JsonFields f, JsonNode w) {
    String p = "$.workload";
    f.onlyKeys(w, p, "difficulty", "difficultyVisible", "difficultyLogits", "maxAttempts", "promptTokens",
        "promptGrowthPerAttempt", "answerTokens", "partialShare", "partialBoost", "arrivalGapSeconds",
        "breakerFailures", "breakerCooldownSeconds");
    ByDifficulty mix = byDifficulty(f, w, p, "difficulty", 0, 1);
    double total = mix.easy() + mix.medium() + mix.hard();
    if (Math.abs(total - 1) > 1e-6) {
      throw f.error(p + ".difficulty", "shares add up to " + total + ": make them add up to 1");
    }
    ByDifficulty logits = w.has("difficultyLogits")
        ? byDifficulty(f, w, p, "difficultyLogits", -20, 20)
        : new ByDifficulty(-2, 0, 2);
    return new Workload(
        mix,
        f.number(w, p, "difficultyVisible", 0, 1, 1),
        logits,
        (int) f.integer(w, p, "maxAttempts", 1, 64),
        logNormal(f, w, p, "promptTokens", 1, 10_000_000),
        (int) f.integer(w, p, "promptGrowthPerAttempt", 0, 10_000_000, 0),
        logNormal(f, w, p, "answerTokens", 1, 1_000_000),
        f.number(w, p, "partialShare", 0, 1, 0),
        f.number(w, p, "partialBoost", 0, 100, 1),
        f.number(w, p, "arrivalGapSeconds", 0.001, 1e9),
        (int) f.integer(w, p, "breakerFailures", 1, 1000, 3),
        f.number(w, p, "breakerCooldownSeconds", 0, 1e9, 30));
  }

  private static Profile profile(JsonFields f, JsonNode b, String p, Workload workload) {
    f.onlyKeys(b, p, "name", "note", "firstTry", "retry", "published", "ttftSeconds", "prefillTokensPerSecond",
        "decodeTokensPerSecond", "speedSigma", "answerTokens", "inputCostPerMillion", "outputCostPerMillion", "failureRate",
        "failureSeconds", "loadSlowdown", "slowPeriods", "randomSlowPeriods", "outages", "randomOutages", "sources");
    String name = f.text(b, p, "name");
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw f.error(p + ".name", "is \"" + name + "\": use letters, digits, '.', '_' and '-' only");
    }
    ByDifficulty firstTry;
    ByDifficulty retry;
    Published published;
    boolean direct = b.has("firstTry") || b.has("retry");
    if (direct && b.has("published")) {
      throw f.error(p, "gives both \"firstTry\"/\"retry\" and \"published\": give pass rates one way");
    }
    if (b.has("published")) {
      JsonNode pub = f.object(b.get("published"), p + ".published");
      f.onlyKeys(pub, p + ".published", "firstTry", "afterFeedback");
      double p1 = f.number(pub, p + ".published", "firstTry", 0, 1);
      double p2 = f.number(pub, p + ".published", "afterFeedback", p1, 1);
      ByDifficulty[] spread = Calibration.spread(p1, p2, workload.mix(), workload.difficultyLogits());
      firstTry = spread[0];
      retry = spread[1];
      published = new Published(p1, p2);
    } else if (direct) {
      firstTry = byDifficulty(f, b, p, "firstTry", 0, 1);
      retry = byDifficulty(f, b, p, "retry", 0, 1);
      published = Published.NONE;
    } else {
      throw f.error(p, "gives no pass rates: add \"firstTry\" and \"retry\" by difficulty, or \"published\"");
    }
    double prefill = f.number(b, p, "prefillTokensPerSecond", 0.001, 1e9);
    double decode = f.number(b, p, "decodeTokensPerSecond", 0.001, 1e9);
    return new Profile(
        name,
        f.text(b, p, "note", ""),
        firstTry,
        retry,
        published,
        f.number(b, p, "ttftSeconds", 0, 1e6),
        prefill,
        decode,
        f.number(b, p, "speedSigma", 0, 5, 0.15),
        b.has("answerTokens") ? logNormal(f, b, p, "answerTokens", 1, 1_000_000) : workload.answerTokens(),
        Price.perMillionTokens(f.number(b, p, "inputCostPerMillion", 0, 1e6, 0), f.number(b, p, "outputCostPerMillion", 0, 1e6, 0)),
        f.number(b, p, "failureRate", 0, 1, 0),
        f.number(b, p, "failureSeconds", 0, 1e6, 2),
        f.number(b, p, "loadSlowdown", 0, 100, 0),
        windows(f, b, p, "slowPeriods", true),
        randomWindows(f, b, p, "randomSlowPeriods", true),
        windows(f, b, p, "outages", false),
        randomWindows(f, b, p, "randomOutages", false),
        sources(f, b, p));
  }

  private static ByDifficulty byDifficulty(JsonFields f, JsonNode parent, String path, String key, double min, double max) {
    String p = path + "." + key;
    JsonNode o = f.object(parent.get(key), p);
    f.onlyKeys(o, p, "easy", "medium", "hard");
    return new ByDifficulty(f.number(o, p, "easy", min, max), f.number(o, p, "medium", min, max),
        f.number(o, p, "hard", min, max));
  }

  private static LogNormal logNormal(JsonFields f, JsonNode parent, String path, String key, double min, double max) {
    String p = path + "." + key;
    JsonNode o = f.object(parent.get(key), p);
    f.onlyKeys(o, p, "median", "sigma");
    return new LogNormal(f.number(o, p, "median", min, max), f.number(o, p, "sigma", 0, 5, 0));
  }

  private static List<Window> windows(JsonFields f, JsonNode parent, String path, String key, boolean slow) {
    List<Window> windows = new ArrayList<>();
    List<JsonNode> items = f.optionalArray(parent, path, key);
    for (int i = 0; i < items.size(); i++) {
      String p = path + "." + key + "[" + i + "]";
      JsonNode o = f.object(items.get(i), p);
      if (slow) {
        f.onlyKeys(o, p, "start", "end", "factor");
      } else {
        f.onlyKeys(o, p, "start", "end");
      }
      double start = f.number(o, p, "start", 0, 1e12);
      double end = f.number(o, p, "end", start, 1e12);
      if (end == start) {
        throw f.error(p + ".end", "equals start: a period must last");
      }
      windows.add(new Window(start, end, slow ? f.number(o, p, "factor", 1, 1000) : 1));
    }
    return windows;
  }

  private static RandomWindows randomWindows(JsonFields f, JsonNode parent, String path, String key, boolean slow) {
    if (!parent.has(key)) {
      return RandomWindows.NONE;
    }
    String p = path + "." + key;
    JsonNode o = f.object(parent.get(key), p);
    if (slow) {
      f.onlyKeys(o, p, "meanGapSeconds", "meanDurationSeconds", "factor");
    } else {
      f.onlyKeys(o, p, "meanGapSeconds", "meanDurationSeconds");
    }
    return new RandomWindows(f.number(o, p, "meanGapSeconds", 0.001, 1e12),
        f.number(o, p, "meanDurationSeconds", 0.001, 1e12), slow ? f.number(o, p, "factor", 1, 1000) : 1);
  }

  private static List<Source> sources(JsonFields f, JsonNode parent, String path) {
    List<Source> sources = new ArrayList<>();
    List<JsonNode> items = f.optionalArray(parent, path, "sources");
    for (int i = 0; i < items.size(); i++) {
      String p = path + ".sources[" + i + "]";
      JsonNode o = f.object(items.get(i), p);
      f.onlyKeys(o, p, "url", "figure", "estimate");
      sources.add(new Source(f.text(o, p, "url"), f.text(o, p, "figure"), f.bool(o, p, "estimate", false)));
    }
    return sources;
  }
}
