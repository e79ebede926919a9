package dev.llmux.team;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.agent.workflow.Workflows;
import dev.llmux.engine.json.JsonFields;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A team, as stored in its file ({@link Teams}): who leads, how teammates work, how many run at
 * once, how plans are approved, how progress shows, and the budgets.
 *
 * @param name the team's name ({@code [a-z0-9][a-z0-9_-]*}, at most 64 characters)
 * @param lead who plans: {@code role:NAME} or {@code model:NAME} of the catalog, or
 *     {@code mock:FILE}, a [MOCK] scripted lead that answers the plans in FILE (one plan object, or
 *     an array of answers given in turn)
 * @param catalog the model catalog for the lead and agent teammates ({@code llmux.json}), or empty
 * @param workflow how a teammate works on a subtask: a workflow of the agent library
 *     ({@code Workflows.names()}; {@code solo} is the agent's loop)
 * @param teammates what answers teammates' calls: {@code catalog} (the catalog's models through
 *     the agent's router) or {@code mock} ([MOCK] scripted teammates that write their files)
 * @param parallel how many teammates run at once (1 to 32)
 * @param approval how plans are approved
 * @param ui how progress shows: {@code inline}, {@code bar} or {@code json}
 * @param budget money and attempt limits
 * @param mockMillis how long a [MOCK] teammate works on a subtask, in milliseconds
 */
public record Team(
    String name, String lead, String catalog, String workflow, String teammates, int parallel,
    ApprovalMode approval, String ui, Budget budget, long mockMillis) {

  /** Team names: lower-case letters, digits, '-' and '_', starting with a letter or digit. */
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  /** The progress modes. */
  public static final Set<String> UIS = Set.of("inline", "bar", "json");
  private static final Set<String> KEYS = Set.of(
      "name", "lead", "catalog", "workflow", "teammates", "parallel", "approval", "ui", "budget", "mockMillis");

  /** Checks the fields. */
  public Team {
    checkName(name);
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(approval, "approval");
    Objects.requireNonNull(budget, "budget");
    if (!lead.startsWith("mock:") && !lead.startsWith("role:") && !lead.startsWith("model:")) {
      throw new TeamException("lead '" + lead + "': use role:NAME or model:NAME (catalog), or mock:FILE ([MOCK] scripted plans)");
    }
    if (!Workflows.names().contains(workflow)) {
      throw new TeamException("workflow '" + workflow + "': use one of " + String.join(", ", Workflows.names()));
    }
    if (!teammates.equals("catalog") && !teammates.equals("mock")) {
      throw new TeamException("teammates '" + teammates + "': use catalog or mock");
    }
    if (parallel < 1 || parallel > 32) {
      throw new TeamException("parallel is " + parallel + ": give 1 to 32 teammates");
    }
    if (!UIS.contains(ui)) {
      throw new TeamException("ui '" + ui + "': use inline, bar or json");
    }
    if (mockMillis < 0 || mockMillis > 600_000) {
      throw new TeamException("mockMillis is " + mockMillis + ": give 0 to 600000");
    }
    boolean needsCatalog = !lead.startsWith("mock:") || teammates.equals("catalog");
    if (needsCatalog && catalog.isBlank()) {
      throw new TeamException("team " + name + " uses catalog models but names no catalog: give --catalog llmux.json");
    }
  }

  /** Throws when {@code name} is not a valid team name. */
  public static void checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new TeamException("the team name is empty: give a name such as 'builders'");
    }
    if (!NAME.matcher(name).matches()) {
      throw new TeamException("team name '" + (name.length() > 80 ? name.substring(0, 80) + "..." : name)
          + "' is not allowed: use 1 to 64 lower-case letters, digits, '-' or '_'");
    }
  }

  /** The team as stored. */
  public ObjectNode toJson() {
    ObjectNode o = JsonFields.mapper().createObjectNode();
    o.put("name", name);
    o.put("lead", lead);
    o.put("catalog", catalog);
    o.put("workflow", workflow);
    o.put("teammates", teammates);
    o.put("parallel", parallel);
    o.put("approval", approval.label());
    o.put("ui", ui);
    o.set("budget", budget.toJson());
    o.put("mockMillis", mockMillis);
    return o;
  }

  /** Reads a team; errors name {@code where} and the JSON path. */
  public static Team fromJson(JsonNode root, JsonFields f) {
    ObjectNode o = f.object(root, "$");
    f.onlyKeys(o, "$", KEYS);
    String name = f.text(o, "$", "name");
    String lead = f.text(o, "$", "lead");
    String catalog = o.path("catalog").asText("");
    String workflow = f.text(o, "$", "workflow", "solo");
    String teammates = f.text(o, "$", "teammates", "mock");
    int parallel = (int) f.integer(o, "$", "parallel", 1, 32, 2);
    String approval = f.text(o, "$", "approval", "auto");
    String ui = f.text(o, "$", "ui", "inline");
    Budget budget = Budget.fromJson(f.optionalObject(o, "$", "budget"), f);
    long mockMillis = f.integer(o, "$", "mockMillis", 0, 600_000, 200);
    try {
      return new Team(name, lead, catalog, workflow, teammates, parallel, ApprovalMode.of(approval), ui, budget, mockMillis);
    } catch (TeamException e) {
      throw f.error("$", e.getMessage());
    }
  }
}
