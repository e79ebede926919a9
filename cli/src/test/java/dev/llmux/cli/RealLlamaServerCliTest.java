package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.RealLlamaServer;
import dev.llmux.engine.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
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

  @TempDir static Path dir;
  private static RealLlamaServer server;
  private static Path config;

  @BeforeAll
  static void start() throws Exception {
    server = RealLlamaServer.startOrSkip();
    String base = server.baseUrl();
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
      server.close();
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
