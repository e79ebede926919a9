package dev.llmux.team;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of a lead's plan. Local models answer under a grammar made from it, so every
 * answer has the plan's shape; ids are {@code s1} ... {@code s10} (an enum, which the grammar
 * converter supports where it does not support patterns), and the limits below bound the text.
 * {@link PlanCheck} enforces the same limits on any plan, whoever wrote it. The limits keep the
 * longest plan a grammar admits within {@link BackendLead}'s token limit.
 */
public final class PlanSchema {

  /** The most subtasks a plan may hold. */
  public static final int MAX_SUBTASKS = 10;
  /** The most files, dependencies or acceptance checks one subtask may list. */
  public static final int MAX_LIST = 4;
  /** The longest title. */
  public static final int MAX_TITLE = 80;
  /** The longest spec. */
  public static final int MAX_SPEC = 600;
  /** The longest file path or acceptance check. */
  public static final int MAX_ITEM = 120;

  private PlanSchema() {}

  /** The schema as JSON text. */
  public static String text() {
    ObjectMapper m = new ObjectMapper();
    ArrayNode ids = m.createArrayNode();
    for (int i = 1; i <= MAX_SUBTASKS; i++) {
      ids.add("s" + i);
    }
    ObjectNode id = m.createObjectNode().put("type", "string");
    id.set("enum", ids);
    ObjectNode sub = m.createObjectNode().put("type", "object");
    ObjectNode p = sub.putObject("properties");
    p.set("id", id);
    p.putObject("title").put("type", "string").put("minLength", 1).put("maxLength", MAX_TITLE);
    p.putObject("spec").put("type", "string").put("minLength", 1).put("maxLength", MAX_SPEC);
    p.set("files", list(m, m.createObjectNode().put("type", "string").put("minLength", 1).put("maxLength", MAX_ITEM), 0));
    p.set("dependencies", list(m, id.deepCopy(), 0));
    p.set("acceptance", list(m, m.createObjectNode().put("type", "string").put("minLength", 1).put("maxLength", MAX_ITEM), 1));
    ObjectNode size = p.putObject("size").put("type", "string");
    ArrayNode sizes = size.putArray("enum");
    for (Size s : Size.values()) {
      sizes.add(s.label());
    }
    ArrayNode req = sub.putArray("required");
    p.fieldNames().forEachRemaining(req::add);
    sub.put("additionalProperties", false);
    ObjectNode root = m.createObjectNode().put("type", "object");
    ObjectNode list = root.putObject("properties").putObject("subtasks").put("type", "array")
        .put("minItems", 1).put("maxItems", MAX_SUBTASKS);
    list.set("items", sub);
    root.putArray("required").add("subtasks");
    root.put("additionalProperties", false);
    return root.toString();
  }

  private static ObjectNode list(ObjectMapper m, ObjectNode item, int min) {
    ObjectNode n = m.createObjectNode().put("type", "array").put("minItems", min).put("maxItems", MAX_LIST);
    n.set("items", item);
    return n;
  }
}
