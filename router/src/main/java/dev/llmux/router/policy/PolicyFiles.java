package dev.llmux.router.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.AtomicFiles;
import dev.llmux.LlmuxException;
import dev.llmux.engine.json.JsonFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads policies as versioned JSON files.
 *
 * <p>A file holds {@code "format": "llmux-router-policy"}, {@code "version": 1}, the policy's
 * spec, the backends it routes among (in order), the state space's shape and the policy's learned
 * state (the {@link PolicyState} of a {@link Persistable} policy, empty for the others). Saving
 * writes a temporary file and renames it, so a crash leaves the old file or the new one. Loading checks every part and throws {@link PolicyFileException} naming the file and the
 * problem: a corrupt or foreign file is never silently replaced by a fresh policy.
 */
public final class PolicyFiles {

  /** The value of the {@code format} field. */
  public static final String FORMAT = "llmux-router-policy";
  /** The version this code writes and reads. */
  public static final int VERSION = 1;

  private PolicyFiles() {}

  /**
   * A policy read from a file, with the context it was made in.
   *
   * @param policy the policy, holding the file's learned state
   * @param context its context (the file's backends)
   */
  public record Loaded(RoutingPolicy policy, PolicyContext context) {}

  /** The file's JSON for {@code policy} routing among {@code backends}. */
  private static ObjectNode toJson(RoutingPolicy policy, List<String> backends) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("policy", policy.name());
    ArrayNode names = root.putArray("backends");
    backends.forEach(names::add);
    ObjectNode space = root.putObject("stateSpace");
    space.put("requestStates", StateSpace.REQUEST_STATES);
    space.put("backends", backends.size());
    ObjectNode state = root.putObject("state");
    PolicyState saved = policy instanceof Persistable p ? p.save() : PolicyState.EMPTY;
    saved.fields().forEach((key, value) -> {
      if (value instanceof Long l) {
        state.put(key, l);
      } else if (value instanceof Double d) {
        state.put(key, d);
      } else if (value instanceof long[] ls) {
        ArrayNode a = state.putArray(key);
        for (long v : ls) {
          a.add(v);
        }
      } else {
        ArrayNode a = state.putArray(key);
        for (double v : (double[]) value) {
          a.add(v);
        }
      }
    });
    return root;
  }

  /**
   * The {@code "state"} object of a file as a {@link PolicyState}: integral numbers become whole
   * numbers, arrays tables; anything else is an error naming its JSON path.
   */
  private static PolicyState fromJson(JsonNode state, JsonFields f) {
    PolicyState.Builder b = PolicyState.builder();
    for (Map.Entry<String, JsonNode> e : state.properties()) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      String path = "$.state." + key;
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        b.integer(key, v.asLong());
      } else if (v.isNumber()) {
        b.number(key, v.asDouble());
      } else if (v.isArray()) {
        boolean integral = true;
        for (int i = 0; i < v.size(); i++) {
          if (!v.get(i).isNumber()) {
            throw f.error(path + "[" + i + "]", "must be a number; the file is damaged: retrain");
          }
          integral &= v.get(i).isIntegralNumber() && v.get(i).canConvertToLong();
        }
        if (integral) {
          long[] values = new long[v.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = v.get(i).asLong();
          }
          b.counts(key, values);
        } else {
          double[] values = new double[v.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = v.get(i).asDouble();
          }
          b.numbers(key, values);
        }
      } else {
        throw f.error(path, "must be a number or an array of numbers; the file is damaged: retrain");
      }
    }
    return b.build();
  }

  /**
   * Writes {@code policy} to {@code file} atomically.
   *
   * @throws PolicyFileException when the file cannot be written
   */
  public static void save(RoutingPolicy policy, List<String> backends, Path file) {
    try {
      byte[] bytes = JsonFields.mapper().writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(toJson(policy, backends));
      AtomicFiles.write(file, bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render policy " + policy.name() + " as JSON", e);
    } catch (IOException e) {
      throw new PolicyFileException("policy file " + file + " cannot be written: " + e.getMessage()
          + "; check that the directory exists and is writable", e);
    }
  }

  /**
   * Reads a policy file: makes the named policy for the file's backends and restores its state.
   *
   * @throws PolicyFileException when the file is missing, not JSON, not a policy file, of another
   *     version, or holds a state that does not fit the policy
   */
  public static Loaded load(Path file, Registry registry, RouterSettings settings, long seed) {
    String where = "policy file " + file;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PolicyFileException(where + " does not exist: train one with `llmux router train --out " + file + "`");
    } catch (IOException e) {
      throw new PolicyFileException(where + " cannot be read: " + e.getMessage(), e);
    }
    JsonFields f = JsonFields.of(where, PolicyFileException::new);
    JsonNode root = f.object(f.parse(text), "$");
    JsonNode format = root.get("format");
    if (format == null || !format.isTextual() || !FORMAT.equals(format.asText())) {
      throw new PolicyFileException(where + " is not an llmux router policy: its \"format\" is "
          + (format == null ? "missing" : format) + ", expected \"" + FORMAT + "\"");
    }
    long version = f.integer(root, "$", "version", 1, Integer.MAX_VALUE);
    if (version != VERSION) {
      throw new PolicyFileException(where + " has version " + version + ", but this llmux reads version "
          + VERSION + ": use the llmux that wrote it, or retrain");
    }
    f.onlyKeys(root, "$", "format", "version", "policy", "backends", "stateSpace", "state");
    String spec = f.text(root, "$", "policy");
    List<String> backends = new ArrayList<>();
    ArrayNode names = f.array(root, "$", "backends");
    for (int i = 0; i < names.size(); i++) {
      JsonNode name = names.get(i);
      if (!name.isTextual() || name.asText().isBlank()) {
        throw f.error("$.backends[" + i + "]", "must be a backend name");
      }
      backends.add(name.asText());
    }
    if (backends.isEmpty() || backends.size() > StateSpace.MAX_BACKENDS) {
      throw f.error("$.backends", "must name 1 to " + StateSpace.MAX_BACKENDS + " backends");
    }
    if (backends.stream().distinct().count() != backends.size()) {
      throw f.error("$.backends", "names a backend twice: " + backends);
    }
    JsonNode space = f.object(root.get("stateSpace"), "$.stateSpace");
    long requestStates = f.integer(space, "$.stateSpace", "requestStates", 1, Integer.MAX_VALUE);
    long count = f.integer(space, "$.stateSpace", "backends", 1, StateSpace.MAX_BACKENDS);
    if (requestStates != StateSpace.REQUEST_STATES || count != backends.size()) {
      throw new PolicyFileException(where + " was written for a state space of " + requestStates + " request states and "
          + count + " backends; this llmux uses " + StateSpace.REQUEST_STATES + " and the file lists "
          + backends.size() + " backends: retrain");
    }
    PolicyState state = fromJson(f.object(root.get("state"), "$.state"), f);
    PolicyContext context = PolicyContext.of(backends, settings, seed);
    RoutingPolicy policy;
    try {
      policy = registry.create(spec, context);
    } catch (LlmuxException e) {
      throw new PolicyFileException(where + ": $.policy cannot be made: " + e.getMessage(), e);
    }
    try {
      if (policy instanceof Persistable p) {
        p.restore(state);
      }
    } catch (IllegalArgumentException e) {
      throw new PolicyFileException(where + ": $." + e.getMessage() + "; the file is damaged: retrain", e);
    }
    return new Loaded(policy, context);
  }
}
