package dev.llmux.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lead's plan: the subtasks, in the lead's order. {@link #parse} reads the lead's JSON answer
 * (shape errors name the JSON path); {@link PlanCheck} then checks the graph.
 *
 * @param subtasks the subtasks
 */
public record Plan(List<Subtask> subtasks) {

  /** The largest plan text accepted, in characters. */
  public static final int MAX_CHARS = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS = Set.of("id", "title", "spec", "files", "dependencies", "acceptance", "size");

  /** Copies the list. */
  public Plan {
    subtasks = List.copyOf(subtasks);
  }

  /** The subtasks by id, in plan order (the first of two with one id wins). */
  public Map<String, Subtask> byId() {
    Map<String, Subtask> m = new LinkedHashMap<>();
    for (Subtask s : subtasks) {
      m.putIfAbsent(s.id(), s);
    }
    return m;
  }

  /** The subtask with this id. */
  public Subtask subtask(String id) {
    Subtask s = byId().get(id);
    if (s == null) {
      throw new TeamException("the plan has no subtask '" + id + "'");
    }
    return s;
  }

  /**
   * Reads a plan from the lead's answer.
   *
   * @throws PlanFormatException naming the JSON path when the text is empty, too large, not JSON or
   *     not of the plan's shape
   */
  public static Plan parse(String text) {
    if (text == null || text.isBlank()) {
      throw new PlanFormatException("the plan is empty: answer one JSON object {\"subtasks\": [...]}");
    }
    if (text.length() > MAX_CHARS) {
      throw new PlanFormatException("the plan is too large (" + text.length() + " characters, at most " + MAX_CHARS
          + "): use fewer, shorter subtasks");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (Exception e) {
      throw new PlanFormatException("the plan is not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new PlanFormatException("$: the plan must be a JSON object {\"subtasks\": [...]}");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("subtasks")) {
        throw new PlanFormatException("$." + k + ": unknown key; the plan has only \"subtasks\"");
      }
    }
    JsonNode list = root.get("subtasks");
    if (list == null || !list.isArray()) {
      throw new PlanFormatException("$.subtasks: must be an array of subtasks");
    }
    List<Subtask> subtasks = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      subtasks.add(subtask(list.get(i), "$.subtasks[" + i + "]"));
    }
    return new Plan(subtasks);
  }

  private static Subtask subtask(JsonNode n, String path) {
    if (!n.isObject()) {
      throw new PlanFormatException(path + ": must be an object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) {
        throw new PlanFormatException(path + "." + k + ": unknown key; a subtask has " + KEYS);
      }
    }
    String sizeLabel = text(n, path, "size");
    Size size = Size.of(sizeLabel);
    if (size == null) {
      throw new PlanFormatException(path + ".size: '" + sizeLabel + "' is not small, medium or large");
    }
    return new Subtask(text(n, path, "id"), text(n, path, "title"), text(n, path, "spec"),
        texts(n, path, "files"), texts(n, path, "dependencies"), texts(n, path, "acceptance"), size);
  }

  private static String text(JsonNode n, String path, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual()) {
      throw new PlanFormatException(path + "." + key + ": must be a string");
    }
    return v.asText();
  }

  private static List<String> texts(JsonNode n, String path, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isArray()) {
      throw new PlanFormatException(path + "." + key + ": must be an array of strings");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        throw new PlanFormatException(path + "." + key + "[" + i + "]: must be a string");
      }
      out.add(v.get(i).asText());
    }
    return out;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** The plan as the JSON the lead answers. */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode list = root.putArray("subtasks");
    for (Subtask s : subtasks) {
      ObjectNode o = list.addObject();
      o.put("id", s.id());
      o.put("title", s.title());
      o.put("spec", s.spec());
      ArrayNode files = o.putArray("files");
      s.files().forEach(files::add);
      ArrayNode deps = o.putArray("dependencies");
      s.dependencies().forEach(deps::add);
      ArrayNode acc = o.putArray("acceptance");
      s.acceptance().forEach(acc::add);
      o.put("size", s.size().label());
    }
    return root;
  }

  /** The plan's JSON text. */
  public String toJsonText() {
    return toJson().toString();
  }
}
