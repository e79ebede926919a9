package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code llmux doctor} on this machine, as text and as JSON. */
final class DoctorCommandTest {

  @Test
  void doctor_json_describesTheMachineAndTheLoadedLibrary() throws Exception {
    CliRun r = CliRun.of("doctor", "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals(Runtime.getRuntime().availableProcessors(), n.get("cpus").asInt());
    assertFalse(n.get("os").asText().isBlank(), r.out());
    assertTrue(n.get("cpuFeatures").isArray() && n.get("nvidiaGpus").isArray() && n.get("notes").isArray(), r.out());
    assertTrue(n.get("memoryTotalBytes").asLong() > 0, r.out());
    JsonNode lib = n.get("library");
    assertTrue(Files.isRegularFile(Path.of(lib.get("path").asText())), r.out());
    assertEquals(64, lib.get("sha256").asText().length(), r.out());
    assertTrue(n.get("libraryError").isNull(), r.out());
    assertTrue(n.has("gpuOffloadAvailable"), r.out());
  }

  @Test
  void doctor_text_namesTheNativeLibraryAndWhetherItCanOffload() {
    CliRun r = CliRun.of("doctor");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("cpus:      " + Runtime.getRuntime().availableProcessors() + " available"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("native:    /")), r.out());
    assertTrue(r.out().contains("offload:   "), r.out());
  }
}
