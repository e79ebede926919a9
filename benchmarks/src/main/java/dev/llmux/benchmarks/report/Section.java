package dev.llmux.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One table of the report: a title, typed columns, rows of values and notes under the table.
 * Rendered as Markdown and as JSON from the same values, so the two never disagree.
 *
 * @param key the section's key in the JSON summary
 * @param title the heading
 * @param columns the columns
 * @param rows the rows: each a value per column: a {@link String}, a {@link Double} (NaN: not
 *     measured) or a {@link Measured}
 * @param notes sentences printed under the table
 */
public record Section(String key, String title, List<Column> columns, List<List<Object>> rows, List<String> notes) {

  /** How a column's numbers are printed. */
  public enum Format {
    /** Text as it is. */
    TEXT,
    /** A rate or a time: three significant digits at least. */
    NUMBER,
    /** A ratio printed as a percentage. */
    PERCENT,
    /** A ratio printed as a factor, e.g. {@code 1.14x}. */
    FACTOR,
    /** A whole number. */
    INTEGER
  }

  /** A measured value with its error (JMH's 99.9% confidence half-width; NaN when unknown). */
  public record Measured(double value, double error) {

    /** The value scaled by {@code factor}, error included. */
    public Measured times(double factor) {
      return new Measured(value * factor, error * Math.abs(factor));
    }
  }

  /** A column: its heading, its key in the JSON summary and its format. */
  public record Column(String heading, String key, Format format) {}

  /** Copies the lists. */
  public Section {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>();
    for (List<Object> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("section " + key + ": a row has " + row.size() + " values for "
            + columns.size() + " columns");
      }
      copy.add(List.copyOf(row));
    }
    rows = List.copyOf(copy);
    notes = List.copyOf(notes);
  }

  /** Whether the section has no rows. */
  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The value of {@code row} in the column whose key is {@code column}. */
  public Object value(int row, String column) {
    for (int c = 0; c < columns.size(); c++) {
      if (columns.get(c).key().equals(column)) {
        return rows.get(row).get(c);
      }
    }
    throw new IllegalArgumentException("section " + key + " has no column " + column);
  }

  /** The section as Markdown: a heading, the table and its notes. */
  public String markdown() {
    StringBuilder sb = new StringBuilder("## ").append(title).append("\n\n");
    if (rows.isEmpty()) {
      sb.append("Not measured in this run.\n");
    } else {
      sb.append('|');
      for (Column c : columns) {
        sb.append(' ').append(c.heading()).append(" |");
      }
      sb.append("\n|");
      for (Column c : columns) {
        sb.append(c.format() == Format.TEXT ? "---|" : "---:|");
      }
      sb.append('\n');
      for (List<Object> row : rows) {
        sb.append('|');
        for (int c = 0; c < columns.size(); c++) {
          sb.append(' ').append(format(row.get(c), columns.get(c).format())).append(" |");
        }
        sb.append('\n');
      }
    }
    if (!notes.isEmpty()) {
      sb.append('\n');
      for (String n : notes) {
        sb.append(n).append('\n');
      }
    }
    return sb.toString();
  }

  /** {@code value} printed in {@code format}; an absent or NaN number prints as a dash. */
  public static String format(Object value, Format format) {
    if (value == null) {
      return "–";
    }
    if (value instanceof Measured m) {
      String v = format(m.value(), format);
      if (Double.isNaN(m.error()) || Double.isNaN(m.value())) {
        return v;
      }
      String e = format == Format.NUMBER
          ? String.format(Locale.ROOT, "%." + decimals(m.value()) + "f", m.error()) : format(m.error(), format);
      return v + " ± " + e;
    }
    if (!(value instanceof Double d)) {
      return value.toString();
    }
    if (d.isNaN() || d.isInfinite()) {
      return "–";
    }
    return switch (format) {
      case TEXT -> value.toString();
      case INTEGER -> String.format(Locale.ROOT, "%d", Math.round(d));
      case PERCENT -> String.format(Locale.ROOT, "%.1f%%", d * 100);
      case FACTOR -> String.format(Locale.ROOT, "%.2fx", d);
      case NUMBER -> number(d);
    };
  }

  private static String number(double d) {
    double a = Math.abs(d);
    if (a >= 0.1 || a == 0) {
      return String.format(Locale.ROOT, "%." + decimals(d) + "f", d);
    }
    return String.format(Locale.ROOT, "%.2g", d);
  }

  /** Decimals that give a number at least three or four significant digits. */
  private static int decimals(double d) {
    double a = Math.abs(d);
    return a >= 100 ? 1 : a >= 10 ? 2 : 3;
  }
}
