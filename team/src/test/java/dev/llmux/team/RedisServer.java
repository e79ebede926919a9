package dev.llmux.team;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import redis.clients.jedis.Jedis;

/**
 * A real {@code redis-server} on a free loopback port for tests, with append-only persistence
 * (fsync always) in its own folder, so {@link #restart} keeps the data. Tests skip, saying why,
 * where {@code redis-server} is not installed.
 */
final class RedisServer implements AutoCloseable {

  private final Path dir;
  private final int port;
  private Process process;

  private RedisServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Skips the calling test when redis-server is absent. */
  static void assumeInstalled() {
    boolean found = false;
    for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      found |= Files.isExecutable(Path.of(p, "redis-server"));
    }
    Assumptions.assumeTrue(found, "redis-server is not installed (apt-get install redis-server; .ci/run installs it): "
        + "the Redis run store tests need a real server");
  }

  /** Starts a server with its data in {@code dir}. */
  static RedisServer start(Path dir) throws Exception {
    assumeInstalled();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    RedisServer r = new RedisServer(dir, port);
    r.up();
    return r;
  }

  private void up() throws Exception {
    Files.createDirectories(dir);
    process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString(), "--daemonize", "no")
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Jedis j = new Jedis("127.0.0.1", port)) {
        j.ping();
        return;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")), e);
        }
        Thread.sleep(50);
      }
    }
  }

  /** The store URL. */
  String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Stops the server (SIGTERM: it fsyncs its append-only file) and waits for it. */
  void stop() throws InterruptedException {
    process.destroy();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops and starts the server on the same port and folder. */
  void restart() throws Exception {
    stop();
    up();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
