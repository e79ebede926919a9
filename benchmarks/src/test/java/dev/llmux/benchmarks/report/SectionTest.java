package dev.llmux.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llmux.benchmarks.report.Section.Column;
import dev.llmux.benchmarks.report.Section.Format;
import dev.llmux.benchmarks.report.Section.Measured;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SectionTest {

  @Test
  void format_notMeasured_dash() {
    assertEquals("–", Section.format(Double.NaN, Format.NUMBER));
    assertEquals("–", Section.format(new Measured(Double.NaN, 1), Format.NUMBER));
  }

  @Test
  void format_kinds_printedByMagnitude() {
    assertEquals("99.2%", Section.format(0.9921, Format.PERCENT));
    assertEquals("1.14x", Section.format(1.1399, Format.FACTOR));
    assertEquals("4", Section.format(4.0, Format.INTEGER));
    assertEquals("1234.6", Section.format(1234.56, Format.NUMBER));
    assertEquals("12.35", Section.format(12.345, Format.NUMBER));
    assertEquals("0.040", Section.format(0.04, Format.NUMBER));
    assertEquals("85.00 ± 1.50", Section.format(new Measured(85, 1.5), Format.NUMBER));
  }

  @Test
  void markdown_rows_numbersRightAligned() {
    Section s = new Section("k", "Title", List.of(new Column("name", "name", Format.TEXT),
        new Column("value", "value", Format.NUMBER)), List.of(List.of("a", 1.5)), List.of("A note."));
    assertEquals("## Title\n\n| name | value |\n|---|---:|\n| a | 1.500 |\n\nA note.\n", s.markdown());
  }

  @Test
  void constructor_rowOfWrongWidth_rejected() {
    assertThrows(IllegalArgumentException.class, () -> new Section("k", "T",
        List.of(new Column("a", "a", Format.TEXT)), List.of(List.of("x", "y")), List.of()));
  }
}
