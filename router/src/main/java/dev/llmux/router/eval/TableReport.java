package dev.llmux.router.eval;

import java.util.Locale;

/** Renders an {@link EvaluationReport} as a plain-text table, one row per policy. */
final class TableReport {

  private TableReport() {}

  static String render(EvaluationReport r) {
    StringBuilder s = new StringBuilder();
    s.append("scenario ").append(r.scenario()).append(": ").append(r.evalEpisodes()).append(" evaluation episodes per policy");
    if (r.trainEpisodes() > 0) {
      s.append(", learned policies trained on ").append(r.trainEpisodes()).append(" episodes first");
    }
    s.append(", seed ").append(r.seed()).append('\n');
    s.append("reward = ").append(r.reward()).append(" (per step; cost in US$)\n");
    int width = Math.max(24, r.results().stream().mapToInt(p -> p.policy().length()).max().orElse(0) + 2);
    s.append(String.format(Locale.ROOT, "%-" + width + "s %8s %10s %8s %9s %8s %8s %6s%n",
        "policy", "success", "latency s", "p95 s", "cost $", "reward", "regret", "PGR"));
    for (PolicyResult p : r.results()) {
      s.append(String.format(Locale.ROOT, "%-" + width + "s %8.3f %10.1f %8.1f %9.4f %8.3f %8s %6s%n",
          p.policy(), p.successRate(), p.meanLatencySeconds(), p.p95LatencySeconds(), p.meanCost(), p.meanReward(),
          number(p.regret(), "%.3f"), number(p.gapRecovered(), "%.2f")));
    }
    s.append("success: share of episodes solved; latency: per episode; cost and reward: mean per episode;\n")
        .append("regret: oracle's mean reward minus the policy's; PGR: share of the gap from ")
        .append(r.cheapest().isEmpty() ? "always-cheapest" : r.cheapest()).append(" to ")
        .append(r.strongest().isEmpty() ? "always-strongest" : r.strongest()).append(" recovered (success)\n");
    if (!r.visibility().isEmpty()) {
      s.append("\nthe same evaluation episodes with the difficulty told / estimated from text / hidden:\n");
      s.append(String.format(Locale.ROOT, "%-" + width + "s %8s %8s %8s %8s %8s %8s %9s%n", "policy", "rew told",
          "rew est", "rew blind", "suc told", "suc est", "suc blind", "recovered"));
      for (VisibilityResult v : r.visibility()) {
        s.append(String.format(Locale.ROOT, "%-" + width + "s %8.3f %8.3f %9.3f %8.3f %8.3f %9.3f %9s%n", v.policy(),
            v.toldReward(), v.estimatedReward(), v.blindReward(), v.toldSuccess(), v.estimatedSuccess(),
            v.blindSuccess(), number(v.recovered(), "%.2f")));
      }
      s.append("recovered: share of the told-minus-blind reward gap the text estimate recovers "
          + "(- where telling is worth under 0.005)\n");
    }
    return s.toString();
  }

  private static String number(double v, String format) {
    if (Double.isNaN(v)) {
      return "-";
    }
    String s = String.format(Locale.ROOT, format, v);
    return s.matches("-0\\.0*") ? s.substring(1) : s;
  }
}
