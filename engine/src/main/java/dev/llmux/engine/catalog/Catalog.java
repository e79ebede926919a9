package dev.llmux.engine.catalog;

import dev.llmux.engine.json.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.llama.ChatTemplate;
import dev.llmux.engine.llama.KvCacheType;
import dev.llmux.engine.llama.LocalModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model catalog, usually read from {@code llmux.json}: models by name, roles mapped to a model
 * or to a fallback chain of models, and the memory budget for local models.
 *
 * <pre>{@code
 * {
 *   "memoryBudget": "6GiB",
 *   "models": {
 *     "qwen": {"path": "models/synthetic/qwen2.5-0.5b-q8_0.gguf", "threads": 2, "parallel": 2},
 *     "cloud": {"provider": "openai", "model": "gpt-4o-mini", "apiKey": "${OPENAI_API_KEY}"}
 *   },
 *   "roles": {"primary": ["qwen", "cloud"], "summarizer": "qwen"}
 * }
 * }</pre>
 *
 * @param file the file it was read from, or {@code null} when built in code
 * @param memoryBudgetBytes the most memory local models may take together; 0 means automatic (80%
 *     of the memory available when the first model loads)
 * @param models the models by name, in file order
 * @param roles each role's chain of model names, first choice first
 */
public record Catalog(Path file, long memoryBudgetBytes, Map<String, ModelEntry> models, Map<String, List<String>> roles,
    Map<String, RoleRouting> routing) {

  /**
   * How a role's models are routed when the role is a routed set: {@code {"models": [...], "policy":
   * "bandit.Ucb1", "policyFile": "reviewer-policy.json"}}.
   *
   * @param policy the routing policy's registry spec
   * @param policyFile the file the policy is loaded from and learns into, or {@code null}
   */
  public record RoleRouting(String policy, Path policyFile) {}

  /** The role names llmux itself asks for, documented in {@code models/README.md}. */
  public static final List<String> WELL_KNOWN_ROLES = List.of("primary", "summarizer", "research", "supervisor", "planner",
      "writer", "reviewer", "tester");

  /** The keys a role object may hold. */
  static final Set<String> ROLE_KEYS = Set.of("models", "policy", "policyFile", "comment");

  /** A catalog whose roles are plain chains. */
  public Catalog(Path file, long memoryBudgetBytes, Map<String, ModelEntry> models, Map<String, List<String>> roles) {
    this(file, memoryBudgetBytes, models, roles, Map.of());
  }

  /** The keys a catalog's top level may hold. */
  static final Set<String> TOP_KEYS = Set.of("memoryBudget", "models", "roles", "mcpServers", "$schema", "comment");
  /** The keys a local model may hold. */
  static final Set<String> LOCAL_KEYS = Set.of("path", "contextSize", "threads", "batchThreads", "gpuLayers",
      "parallel", "flashAttention", "kvCacheType", "promptCache", "warmup", "chatTemplate", "sha256", "comment");
  private static final Pattern SIZE = Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(b|kib|mib|gib|tib|kb|mb|gb|tb)?\\s*");

  /** Copies the maps and checks that every role names known models. */
  public Catalog {
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    Map<String, List<String>> r = new LinkedHashMap<>();
    roles.forEach((k, v) -> r.put(k, List.copyOf(v)));
    roles = Collections.unmodifiableMap(r);
    routing = Collections.unmodifiableMap(new LinkedHashMap<>(routing));
    for (Map.Entry<String, List<String>> e : roles.entrySet()) {
      if (e.getValue().isEmpty()) {
        throw new ConfigException(where(file) + "$.roles." + e.getKey() + ": names no model; give a model name or a list of them");
      }
      for (String m : e.getValue()) {
        if (!models.containsKey(m)) {
          throw new ConfigException(where(file) + "$.roles." + e.getKey() + ": names model '" + m
              + "', which is not in $.models; known models: " + models.keySet());
        }
      }
    }
  }

  /** The catalog file used when none is given: {@code llmux.json} in the working folder. */
  public static final Path DEFAULT_FILE = Path.of("llmux.json");

  /**
   * The one catalog lookup: {@code given} when it is not null (an explicit {@code --config}),
   * else {@link #DEFAULT_FILE} when it exists, else none.
   */
  public static Optional<Path> locate(Path given) {
    if (given != null) {
      return Optional.of(given);
    }
    return Files.exists(DEFAULT_FILE) ? Optional.of(DEFAULT_FILE) : Optional.empty();
  }

  /**
   * Reads a catalog file and returns the manager of its models, wired as {@link
   * ModelManager#of(Catalog)} does: the catalog embedded in one call.
   *
   * @throws ConfigException when the file is missing or not a valid catalog
   */
  public static ModelManager open(Path file) {
    return ModelManager.of(load(file));
  }

  /** Reads a catalog file, replacing {@code ${VAR}} references from the process environment. */
  public static Catalog load(Path file) {
    return load(file, System::getenv);
  }

  /** Reads a catalog file with the given environment. */
  public static Catalog load(Path file, Function<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist; create it (see models/llmux.example.json) or pass --config");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
    }
    return parse(text, file, env);
  }

  /** Parses catalog JSON; relative model paths resolve against {@code file}'s folder (or the working folder). */
  public static Catalog parse(String text, Path file, Function<String, String> env) {
    JsonFields j = fields(file, env);
    JsonNode root = j.parse(text);
    if (!root.isObject()) {
      throw j.error("$", "must be a JSON object with \"models\" and \"roles\", found " + JsonFields.kind(root));
    }
    j.onlyKeys(root, "$", TOP_KEYS);
    long budget = 0;
    JsonNode b = root.get("memoryBudget");
    if (b != null && !b.isNull()) {
      budget = b.isNumber() ? b.asLong() : parseSize(j.text(root, "$", "memoryBudget"), j);
    }
    Path base = file == null || file.toAbsolutePath().getParent() == null ? Path.of("") : file.toAbsolutePath().getParent();
    Map<String, ModelEntry> models = new LinkedHashMap<>();
    JsonNode ms = j.object(root, "$", "models");
    int threads = defaultThreads(ms);
    for (Map.Entry<String, JsonNode> e : JsonFields.fields(ms)) {
      String name = e.getKey();
      String path = "$.models." + name;
      if (name.isBlank() || !name.matches("[A-Za-z0-9._-]+")) {
        throw j.error(path, "is not a valid model name: use letters, digits, '.', '_' and '-' only");
      }
      JsonNode m = e.getValue();
      if (!m.isObject()) {
        throw j.error(path, "must be an object describing the model, found " + JsonFields.kind(m));
      }
      if (m.has("provider")) {
        models.put(name, new ModelEntry.Remote(name, j.text(m, path, "provider"), m, path));
      } else if (m.has("path")) {
        models.put(name, local(name, m, path, base, j, threads));
      } else {
        throw j.error(path, "needs \"path\" (a local GGUF file) or \"provider\" (an HTTP provider)");
      }
    }
    Map<String, List<String>> roles = new LinkedHashMap<>();
    Map<String, RoleRouting> routing = new LinkedHashMap<>();
    JsonNode rs = j.optionalObject(root, "$", "roles");
    if (rs != null) {
      for (Map.Entry<String, JsonNode> e : JsonFields.fields(rs)) {
        JsonNode v = e.getValue();
        String where = "$.roles." + e.getKey();
        if (v.isObject()) {
          j.onlyKeys(v, where, ROLE_KEYS);
          JsonNode list = v.get("models");
          if (list == null) {
            throw j.error(where, "needs \"models\": the model names the role routes among");
          }
          if (v.has("policy")) {
            String pf = v.has("policyFile") ? j.text(v, where, "policyFile") : null;
            routing.put(e.getKey(), new RoleRouting(j.text(v, where, "policy"), pf == null ? null : base.resolve(pf).normalize()));
          } else if (v.has("policyFile")) {
            throw j.error(where + ".policyFile", "needs \"policy\" beside it: the policy the file holds");
          }
          v = list;
          where = where + ".models";
        }
        List<String> chain = new ArrayList<>();
        if (v.isTextual()) {
          chain.add(v.asText());
        } else if (v.isArray()) {
          for (JsonNode x : v) {
            if (!x.isTextual()) {
              throw j.error(where, "must list model names, found " + JsonFields.kind(x));
            }
            chain.add(x.asText());
          }
        } else {
          throw j.error(where, "must be a model name, a list of model names or an object with \"models\", found "
              + JsonFields.kind(v));
        }
        roles.put(e.getKey(), chain);
      }
    }
    return new Catalog(file, budget, models, roles, routing);
  }

  /**
   * The threads a local model gets when the catalog does not say: the processors split evenly among
   * the catalog's local models (at least one each). Each loaded model runs its own team of
   * llama.cpp threads that spin while they wait, so two models answering at once with a thread per
   * processor each would take turns on every core; split, both run at near their own speed.
   */
  static int defaultThreads(JsonNode models) {
    int locals = 0;
    if (models != null && models.isObject()) {
      for (Map.Entry<String, JsonNode> e : JsonFields.fields(models)) {
        if (e.getValue().isObject() && e.getValue().has("path")) {
          locals++;
        }
      }
    }
    return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, locals));
  }

  private static ModelEntry.Local local(String name, JsonNode m, String path, Path base, JsonFields j, int defaultThreads) {
    j.onlyKeys(m, path, LOCAL_KEYS);
    Path file = base.resolve(j.text(m, path, "path")).normalize();
    LocalModelSpec.Builder b = LocalModelSpec.builder(name, file);
    b.contextSize((int) j.integer(m, path, "contextSize", 0, LocalModelSpec.MAX_CONTEXT, 0));
    int threads = (int) j.integer(m, path, "threads", 1, 512, defaultThreads);
    b.threads(threads);
    b.batchThreads((int) j.integer(m, path, "batchThreads", 1, 512, threads));
    b.gpuLayers((int) j.integer(m, path, "gpuLayers", 0, 10_000, 0));
    b.parallel((int) j.integer(m, path, "parallel", 1, 256, 1));
    b.flashAttention(j.bool(m, path, "flashAttention", false));
    String kv = j.text(m, path, "kvCacheType", "f16");
    KvCacheType type = KvCacheType.parse(kv);
    if (type == null) {
      throw j.error(path + ".kvCacheType", "is the unknown type \"" + kv + "\": use f16, q8_0 or q4_0");
    }
    b.kvCacheType(type);
    b.promptCache(j.bool(m, path, "promptCache", true));
    b.warmup(j.bool(m, path, "warmup", true));
    if (m.has("chatTemplate")) {
      try {
        b.chatTemplate(ChatTemplate.byName(j.text(m, path, "chatTemplate")));
      } catch (ConfigException e) {
        throw j.error(path + ".chatTemplate", e.getMessage());
      }
    }
    String sha = m.has("sha256") ? j.text(m, path, "sha256").toLowerCase(Locale.ROOT) : null;
    if (sha != null && !sha.matches("[0-9a-f]{64}")) {
      throw j.error(path + ".sha256", "must be 64 hexadecimal digits (the file's SHA-256)");
    }
    try {
      return new ModelEntry.Local(b.build(), sha);
    } catch (ConfigException e) {
      throw new ConfigException(where(j, path) + e.getMessage(), e);
    }
  }

  private static String where(JsonFields j, String path) {
    return j.where() + ": " + path + ": ";
  }

  /** The reader of a catalog file: errors name the file, text values may hold {@code ${VAR}}. */
  static JsonFields fields(Path file, Function<String, String> env) {
    return JsonFields.of(file == null ? "config" : file.toString(), ConfigException::new).withEnvironment(env);
  }

  private static String where(Path file) {
    return (file == null ? "config" : file.toString()) + ": ";
  }

  /** Parses sizes such as {@code 6GiB}, {@code 512MiB}, {@code 2000000000}. */
  static long parseSize(String s, JsonFields j) {
    if (s.equalsIgnoreCase("auto")) {
      return 0;
    }
    Matcher m = SIZE.matcher(s);
    if (!m.matches()) {
      throw j.error("$.memoryBudget", "must be a size such as \"6GiB\", \"512MiB\" or \"auto\", found \"" + s + "\"");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    long mult = switch (unit) {
      case "kib" -> 1L << 10;
      case "mib" -> 1L << 20;
      case "gib" -> 1L << 30;
      case "tib" -> 1L << 40;
      case "kb" -> 1000L;
      case "mb" -> 1000_000L;
      case "gb" -> 1000_000_000L;
      case "tb" -> 1000_000_000_000L;
      default -> 1L;
    };
    return (long) (v * mult);
  }

  /**
   * The models of a role that {@code user} (a workflow, say) needs.
   *
   * @throws ConfigException naming the role, the user and the file when the catalog does not define the role
   */
  public List<String> requireRole(String role, String user) {
    List<String> chain = roles.get(role);
    if (chain == null) {
      throw new ConfigException(where(file) + user + " uses role '" + role + "', which $.roles does not define; add it"
          + " (a model name, a list of them, or {\"models\": [...], \"policy\": ...}); defined roles: " + roles.keySet());
    }
    return chain;
  }

  /** The chain of model names for a role, or the model itself when {@code nameOrRole} names a model. */
  public List<String> resolve(String nameOrRole) {
    List<String> chain = roles.get(nameOrRole);
    if (chain != null) {
      return chain;
    }
    if (models.containsKey(nameOrRole)) {
      return List.of(nameOrRole);
    }
    throw new ConfigException(where(file) + "no role or model named '" + nameOrRole + "'; roles: " + roles.keySet()
        + ", models: " + models.keySet());
  }
}
