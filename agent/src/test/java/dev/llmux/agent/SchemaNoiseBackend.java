package dev.llmux.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.Backend;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.LiveStats;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Timings;
import dev.llmux.engine.TokenListener;
import dev.llmux.engine.Usage;
import java.util.Map;
import java.util.Random;

/**
 * What a model with random weights produces under a grammar made from the request's JSON Schema:
 * text that satisfies the schema and means nothing. Walks the schema ({@code oneOf}, {@code const},
 * objects with {@code required} and optional properties, strings, integers, booleans).
 */
final class SchemaNoiseBackend implements Backend {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALPHABET = "abcxyz019_-./ \"\\\n\té€😀{}[]";

  private final String name;
  private final Random random;
  private final LiveStats stats = new LiveStats();

  SchemaNoiseBackend(String name, long seed) {
    this.name = name;
    this.random = new Random(seed);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized ChatResponse chat(ChatRequest request, TokenListener listener) {
    try {
      JsonNode schema = JSON.readTree(request.jsonSchema());
      String text = JSON.writeValueAsString(generate(schema));
      return ChatResponse.of(text, StopReason.END, new Usage(100, text.length() / 4), new Timings(1, 100, 2), name);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonNode generate(JsonNode schema) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (schema.has("oneOf")) {
      return generate(schema.get("oneOf").get(random.nextInt(schema.get("oneOf").size())));
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    switch (schema.path("type").asText()) {
      case "object": {
        ObjectNode o = f.objectNode();
        java.util.Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Map.Entry<String, JsonNode> e : schema.path("properties").properties()) {
          if (required.contains(e.getKey()) || random.nextBoolean()) {
            o.set(e.getKey(), generate(e.getValue()));
          }
        }
        return o;
      }
      case "string": {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(40);
        for (int i = 0; i < n; i++) {
          sb.appendCodePoint(ALPHABET.codePointAt(ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
        }
        return f.textNode(sb.toString());
      }
      case "integer":
        return f.numberNode(random.nextInt(1000) - 500);
      case "boolean":
        return f.booleanNode(random.nextBoolean());
      default:
        throw new IllegalArgumentException("schema shape not covered: " + schema);
    }
  }

  @Override
  public BackendStats stats() {
    return stats.snapshot(BackendStats.Availability.AVAILABLE);
  }
}
