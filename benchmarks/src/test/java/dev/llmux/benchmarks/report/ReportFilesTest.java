package dev.llmux.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReportFilesTest {

  @TempDir
  Path dir;

  @Test
  void write_report_stampedAndLatestFilesWithNullForNotMeasured() throws Exception {
    Path raw = new JmhJson()
        .add("DecodeBenchmark.decode", "ss", 1, Map.of("api", "BINDING", "model", "TINY_Q8_0"), "ms/op", 100)
        .add("DecodeBenchmark.decode", "ss", 1, Map.of("api", "LLMUX", "model", "TINY_Q8_0"), "ms/op", 125)
        .write(dir.resolve("jmh.json"));
    Machine machine = new Machine("CPU", 2, -1, List.of(), "os", "jdk", "lib", "", Machine.BINDING, List.of("a note"));
    Report report = Report.of(new Report.Run("2025-01-01T00:00", "quick", 2, "1 fork", "not on the PATH"), machine,
        JmhResult.read(raw), List.of());
    Path out = dir.resolve("bench-results");

    Path md = ReportFiles.write(report, out, "2025-01-01T000000", List.of(raw));

    assertEquals(out.resolve("2025-01-01T000000.md"), md);
    assertEquals(Files.readString(md), Files.readString(out.resolve("latest.md")));
    assertTrue(Files.readString(md).contains("Note: a note"));
    JsonNode json = new ObjectMapper().readTree(out.resolve("latest.json").toFile());
    assertEquals(json, new ObjectMapper().readTree(out.resolve("2025-01-01T000000.json").toFile()));
    JsonNode row = json.path("sections").path("throughput").path("rows").get(0);
    assertEquals(1280.0, row.path("binding").path("value").asDouble(), 1e-9);
    assertEquals(1024.0, row.path("llmux").path("value").asDouble(), 1e-9);
    assertEquals(0.8, row.path("llmuxOverBinding").asDouble(), 1e-9);
    assertTrue(row.path("llamaBench").isNull(), "NaN is written as null");
    assertEquals("../jmh.json", json.path("run").path("rawFiles").get(0).asText());
    assertEquals(2, json.path("jmh").size());
    try (var files = Files.list(out)) {
      assertEquals(4, files.count(), "no temporary files left behind");
    }
  }
}
