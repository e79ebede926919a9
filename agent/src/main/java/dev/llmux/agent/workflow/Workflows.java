package dev.llmux.agent.workflow;

import dev.llmux.agent.AgentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The registered workflows by name, registered explicitly (no class-path scanning). */
public final class Workflows {

  /** The name of the one-loop workflow, the default. */
  public static final String SOLO = "solo";
  /** The name of the writer, reviewer and tester workflow. */
  public static final String WRITER_REVIEWER_TESTER = "writer-reviewer-tester";
  /** The name of the planner and implementer workflow. */
  public static final String PLANNER_IMPLEMENTER = "planner-implementer";

  private static final Map<String, Supplier<Workflow>> REGISTRY = new LinkedHashMap<>();

  static {
    REGISTRY.put(SOLO, Solo::new);
    REGISTRY.put(WRITER_REVIEWER_TESTER, WriterReviewerTester::new);
    REGISTRY.put(PLANNER_IMPLEMENTER, PlannerImplementer::new);
  }

  private Workflows() {}

  /** The registered names, in registration order. */
  public static List<String> names() {
    return new ArrayList<>(REGISTRY.keySet());
  }

  /**
   * The workflow called {@code name}.
   *
   * @throws AgentException naming the known workflows when none is called so
   */
  public static Workflow named(String name) {
    Supplier<Workflow> s = REGISTRY.get(name);
    if (s == null) {
      throw new AgentException("unknown workflow '" + name + "': use one of " + String.join(", ", names()));
    }
    return s.get();
  }
}
