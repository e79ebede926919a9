package dev.llmux.engine.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real {@code llama-server} of llama.cpp b4916 from {@code ../shared/tools}, serving the tiny
 * synthetic model on a loopback port with a 64-token context and no context shift (so it rejects
 * longer prompts). Tests that need it are skipped, saying why, where {@code ../shared} is absent.
 */
public final class RealLlamaServer implements AutoCloseable {

  /** Where the reference server is expected. */
  public static final Path BINARY = Path.of(System.getProperty("llmux.test.shared", "../../shared"))
      .resolve("tools/llama-b4916-avx2/llama-server").toAbsolutePath().normalize();

  private final Process process;
  private final Path log;
  private final String baseUrl;

  private RealLlamaServer(Process process, Path log, String baseUrl) {
    this.process = process;
    this.log = log;
    this.baseUrl = baseUrl;
  }

  /**
   * Starts the server and waits until it is healthy (at most 120 s); skips the calling test when the
   * binary is absent.
   */
  public static RealLlamaServer startOrSkip() throws IOException, InterruptedException {
    Assumptions.assumeTrue(Files.isExecutable(BINARY), "no llama-server at " + BINARY
        + " (the reference tools in ../shared are absent): the real-server checks are skipped");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("llama-server-", ".log");
    Process p = new ProcessBuilder(BINARY.toString(), "-m", TestModels.tiny().toString(), "--host", "127.0.0.1",
        "--port", Integer.toString(port), "-c", "64", "-np", "1", "--no-context-shift", "-t", "1")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RealLlamaServer server = new RealLlamaServer(p, log, "http://127.0.0.1:" + port);
    try {
      server.awaitHealthy();
    } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      assertTrue(process.isAlive(), "llama-server ended: " + Files.readString(log));
      try {
        if (client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      assertTrue(System.nanoTime() < deadline, "llama-server did not become healthy in 120 s: " + Files.readString(log));
      Thread.sleep(100);
    }
  }

  /** The server's address, {@code http://127.0.0.1:PORT}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Stops the server and removes its log. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(log);
  }
}
