package dev.llmux.router.eval;

import java.util.function.Function;

/** The formats an {@link EvaluationReport} can be written in. */
public enum ReportFormat {
  /** A table for the terminal. */
  TABLE(TableReport::render),
  /** JSON for machines. */
  JSON(JsonReport::render);

  private final Function<EvaluationReport, String> renderer;

  ReportFormat(Function<EvaluationReport, String> renderer) {
    this.renderer = renderer;
  }

  /** The report in this format. */
  public String render(EvaluationReport report) {
    return renderer.apply(report);
  }
}
