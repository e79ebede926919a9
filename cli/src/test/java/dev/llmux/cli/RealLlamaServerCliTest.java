package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.TestModels;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate} through a catalog whose model is the real {@code llama-server} of llama.cpp
 * b4916 in {@code ../shared/tools} (skipped, saying why, where that folder is absent): a prompt
 * beyond the server's context is rejected inside a 200 stream, and the CLI exits 2 naming the
 * server's reason, alone and as the first of a fallback chain.
 */
final class RealLlamaServerCliTest {

  private static final Path SERVER = Path.of(System.getProperty("llmux.test.shared", "../../shared"))
      .resolve("tools/llama-b4916-avx2/llama-server").toAbsolutePath().normalize();

  @TempDir static Path dir;
  private static Process server;
  private static Path config;

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(SERVER), "no llama-server at " + SERVER
        + " (the reference tools in ../shared are absent): the real-server checks are skipped");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("llama-server.log");
    server = new ProcessBuilder(SERVER.toString(), "-m", TestModels.tiny().toString(), "--host", "127.0.0.1",
        "--port", Integer.toString(port), "-c", "64", "-np", "1", "--no-context-shift", "-t", "1")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String base = "http://127.0.0.1:" + port;
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      assertTrue(server.isAlive(), "llama-server ended: " + Files.readString(log));
      try {
        if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          break;
        }
      } catch (IOException e) {
        // not listening yet
      }
      assertTrue(System.nanoTime() < deadline, "llama-server did not become healthy in 120 s: " + Files.readString(log));
      Thread.sleep(100);
    }
    config = Files.writeString(dir.resolve("llmux.json"), """
        {
          "models": {
            "server": {"provider": "llama-server", "model": "tiny", "baseUrl": "%s"},
            "tiny": {"path": "%s", "threads": 1}
          },
          "roles": {"remote": "server", "primary": ["server", "tiny"]}
        }
        """.formatted(base, TestModels.tiny().toAbsolutePath()));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }

  @Test
  void generate_promptBeyondTheServersContext_exits2_aloneAndWithAFallback() {
    String prompt = "hello world ".repeat(200);
    for (String role : new String[] {"remote", "primary"}) {
      CliRun r = CliRun.of("generate", "--config", config.toString(), "--role", role, "-n", "4", prompt);
      assertEquals(2, r.exitCode(), role + ": " + r.err());
      assertEquals("", r.out(), role);
      assertTrue(r.err().contains("backend 'server' rejected the request")
          && r.err().contains("exceeds the available context size"), role + ": " + r.err());
    }
  }
}
