package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.engine.testing.TestModels;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the CLI as a module ({@code java -p ... -m dev.llmux.cli}) in a fresh JVM, so the module
 * descriptors are checked where they matter: picocli reading the commands, Jackson writing
 * records, the native library found in the binding's jar. The module path holds exactly the
 * modules {@code dev.llmux.cli} resolves to (with service providers bound) from the test class path.
 */
final class ModulePathTest {

  /** The module path: the resolved modules' locations, found among the test class path's entries. */
  static String modulePath() {
    List<Path> candidates = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      boolean module = Files.isDirectory(p) ? Files.isRegularFile(p.resolve("module-info.class"))
          : p.toString().endsWith(".jar") && !p.getFileName().toString().endsWith("-tests.jar");
      if (module) {
        candidates.add(p);
      }
    }
    Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(
        ModuleFinder.of(candidates.toArray(Path[]::new)), ModuleFinder.of(), Set.of("dev.llmux.cli"));
    return cf.modules().stream()
        .map(ResolvedModule::reference)
        .map(r -> r.location().map(URI::getPath).orElseThrow())
        .sorted()
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static Run run(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + dir, "-Dllmux.native.cache=" + dir.resolve("cache"),
        "-p", modulePath(), "-m", "dev.llmux.cli/" + Main.class.getName()));
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI must exit by itself");
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private record Run(int exit, String out, String err) {}

  @Test
  void modulePath_resolved_holdsEveryLlmuxModuleAndTheBinding() {
    String path = modulePath();
    for (String module : List.of("native", "engine", "router", "agent", "cli")) {
      assertTrue(path.contains(File.separator + module + File.separator), module + " missing from " + path);
    }
    assertTrue(path.contains("llama-"), path);
  }

  @Test
  void generateJson_onModulePath_loadsTheBundledLibraryAndWritesTheResponse(@TempDir Path dir) throws Exception {
    Run r = run(dir, "generate", "--model", TestModels.tiny().toString(), "--temperature", "0", "-n", "4",
        "--ignore-eos", "--json", "hello");
    assertEquals(0, r.exit(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertEquals("LENGTH", json.path("stopReason").asText(), r.out());
    assertEquals(4, json.path("usage").path("completionTokens").asInt(), r.out());
    assertTrue(json.path("synthetic").asBoolean(), r.out());
  }

  @Test
  void doctorJson_onModulePath_writesTheMachineReport(@TempDir Path dir) throws Exception {
    Run r = run(dir, "doctor", "--json");
    assertEquals(0, r.exit(), r.err());
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertTrue(json.path("cpus").asInt() > 0, r.out());
  }

  @Test
  void routerTrain_onModulePath_readsTheBundledPresetAndSavesAPolicy(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.json");
    Run r = run(dir, "router", "train", "--preset", "mock-tiers", "--out", policy.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(new ObjectMapper().readTree(policy.toFile()).isObject(), r.out());
  }
}
