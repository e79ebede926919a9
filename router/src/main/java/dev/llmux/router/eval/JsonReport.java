package dev.llmux.router.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmux.engine.json.JsonFields;

/** Renders an {@link EvaluationReport} as JSON; numbers that do not exist (NaN) are {@code null}. */
final class JsonReport {

  private JsonReport() {}

  static String render(EvaluationReport r) {
    ObjectNode root = toJson(r);
    try {
      return JsonFields.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the report as JSON", e);
    }
  }

  static ObjectNode toJson(EvaluationReport r) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("scenario", r.scenario());
    root.put("description", r.description());
    ArrayNode backends = root.putArray("backends");
    r.backends().forEach(backends::add);
    ObjectNode reward = root.putObject("reward");
    reward.put("lambda", r.reward().lambda());
    reward.put("mu", r.reward().mu());
    root.put("trainEpisodes", r.trainEpisodes());
    root.put("evalEpisodes", r.evalEpisodes());
    root.put("seed", r.seed());
    root.put("cheapest", r.cheapest());
    root.put("strongest", r.strongest());
    ArrayNode results = root.putArray("results");
    for (PolicyResult p : r.results()) {
      ObjectNode o = results.addObject();
      o.put("policy", p.policy());
      o.put("kind", p.kind().name().toLowerCase());
      o.put("episodes", p.episodes());
      put(o, "successRate", p.successRate());
      put(o, "meanLatencySeconds", p.meanLatencySeconds());
      put(o, "p95LatencySeconds", p.p95LatencySeconds());
      put(o, "meanCost", p.meanCost());
      put(o, "meanReward", p.meanReward());
      put(o, "meanAttempts", p.meanAttempts());
      put(o, "failuresPerEpisode", p.failuresPerEpisode());
      put(o, "regret", p.regret());
      put(o, "gapRecovered", p.gapRecovered());
      ObjectNode share = o.putObject("backendShare");
      for (int i = 0; i < r.backends().size(); i++) {
        put(share, r.backends().get(i), p.backendShare().get(i));
      }
      o.put("curveWindow", p.curveWindow());
      ArrayNode curve = o.putArray("learningCurve");
      p.learningCurve().forEach(curve::add);
    }
    if (!r.visibility().isEmpty()) {
      ArrayNode vis = root.putArray("visibility");
      for (VisibilityResult v : r.visibility()) {
        ObjectNode o = vis.addObject();
        o.put("policy", v.policy());
        put(o, "toldReward", v.toldReward());
        put(o, "estimatedReward", v.estimatedReward());
        put(o, "blindReward", v.blindReward());
        put(o, "toldSuccess", v.toldSuccess());
        put(o, "estimatedSuccess", v.estimatedSuccess());
        put(o, "blindSuccess", v.blindSuccess());
        put(o, "recovered", v.recovered());
      }
    }
    return root;
  }

  private static void put(ObjectNode o, String key, double value) {
    if (Double.isFinite(value)) {
      o.put(key, value);
    } else {
      o.putNull(key);
    }
  }
}
