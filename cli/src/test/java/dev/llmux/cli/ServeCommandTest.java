package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.TestModels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmux serve}: the bind rule, a bad model file, and a real server stopped by SIGTERM while it answers. */
final class ServeCommandTest {

  @Test
  void serve_publicHostWithoutKey_exits2NamingTheOptions() {
    CliRun r = CliRun.of("serve", "--model", TestModels.tiny().toString(), "--host", "0.0.0.0", "--port", "0");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--api-key") && r.err().contains("--insecure"), r.err());
  }

  @Test
  void serve_missingModel_exits2() {
    CliRun r = CliRun.of("serve", "--model", "no/such.gguf", "--port", "0");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("no/such.gguf"), r.err());
  }

  @Test
  void serve_sigtermWhileStreaming_drainsTheAnswerThenExits(@TempDir Path dir) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "serve", "--model", TestModels.tiny().toString(),
        "--port", "0", "--drain", "60"));
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("err.txt").toFile()).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      assertTrue(line != null && line.startsWith("llmux serve: listening on "), line);
      URI base = URI.create(line.substring("llmux serve: listening on ".length(), line.indexOf(' ', 27)));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(base.resolve("chat/completions"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"stream\":true,\"max_tokens\":300,\"messages\":"
              + "[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(), HttpResponse.BodyHandlers.ofInputStream());
      BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
      assertTrue(events.readLine().startsWith("data: "), "the answer has started");
      p.destroy(); // SIGTERM
      CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
        StringBuilder s = new StringBuilder();
        events.lines().forEach(l -> s.append(l).append('\n'));
        return s.toString();
      });
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "serve must stop after draining");
      String tail = rest.get(60, TimeUnit.SECONDS);
      assertTrue(tail.contains("\"finish_reason\":\"") && tail.trim().endsWith("data: [DONE]"),
          "the running answer was finished, not cut: " + tail.substring(Math.max(0, tail.length() - 300)));
      assertTrue(Files.readString(dir.resolve("err.txt")).contains("stopping (draining"), Files.readString(dir.resolve("err.txt")));
    } finally {
      p.destroyForcibly();
    }
  }
}
