package dev.llmux.benchmarks;

import dev.llmux.engine.llama.LlamaBackend;
import dev.llmux.engine.llama.LocalModelSpec;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * N clients on N parallel slots, through llmux and through llama.cpp's own {@code llama-server} of
 * the same build, in the same run: the same model file, slots, context, threads, prompt and answer
 * length (greedy, end-of-sequence ignored). Each round starts all N requests at once and times the
 * last one's end; aggregate tokens/s is N x tokens / that time. Rounds of the two alternate, so
 * drift and other load on the machine hit both alike.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.llmux.benchmarks.ServingComparison
 * --server PATH/llama-server [--model FILE] [--clients 1,2,4] [--tokens 64] [--rounds 3] [--threads N]
 * [--json FILE]}. It prints a Markdown table ({@code --json}: also the figures as JSON, which the
 * benchmark suite's report reads); the ratio that matters is each one's N-client aggregate over its own
 * 1-client figure.
 */
public final class ServingComparison {

  private ServingComparison() {}

  /** One measured configuration: aggregate tokens/s per round. */
  record Figures(String who, int clients, List<Double> aggregate) {
    double mean() {
      return aggregate.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
  }

  /** Entry point; see the class comment. */
  public static void main(String[] args) throws Exception {
    Path server = null;
    Path model = null;
    List<Integer> clients = List.of(1, 2, 4);
    int tokens = 64;
    int rounds = 3;
    int threads = BenchModel.threads();
    Integer batchThreads = null;
    Path json = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--server" -> server = Path.of(args[++i]);
        case "--model" -> model = Path.of(args[++i]);
        case "--clients" -> clients = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--tokens" -> tokens = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--batch-threads" -> batchThreads = Integer.valueOf(args[++i]);
        case "--json" -> json = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (model == null) {
      model = BenchModel.QWEN2_5_0_5B_Q8_0.path();
    }
    int tb = batchThreads != null ? batchThreads : threads;
    System.out.printf(Locale.ROOT, "model %s, threads %d, batch threads %d, %d tokens per answer, %d rounds%n%n",
        model.getFileName(), threads, tb, tokens, rounds);
    List<Figures> all = new ArrayList<>();
    for (int n : clients) {
      List<Double> ours = new ArrayList<>();
      List<Double> theirs = new ArrayList<>();
      LlamaBackend backend = LlamaBackend.load(LocalModelSpec.builder("m", model).threads(threads).batchThreads(tb)
          .parallel(n).contextSize(4096).build());
      try (LlamaServerProcess srv = server == null ? null : LlamaServerProcess.start(server, model, n, threads, tb)) {
        for (int r = 0; r < rounds + 1; r++) {
          double a = llmuxRound(backend, n, tokens);
          double b = srv == null ? Double.NaN : srv.round(n, tokens);
          if (r > 0) { // the first round warms both up
            ours.add(a);
            theirs.add(b);
          }
          System.err.printf(Locale.ROOT, "clients %d round %d: llmux %.1f, llama-server %.1f tokens/s%s%n", n, r, a, b,
              r == 0 ? " (warm-up)" : "");
        }
      } finally {
        backend.close();
      }
      all.add(new Figures("llmux", n, ours));
      all.add(new Figures("llama-server", n, theirs));
    }
    System.out.println("| clients = slots | llmux tokens/s | llmux vs 1 client | llama-server tokens/s | llama-server vs 1 client |");
    System.out.println("|---:|---:|---:|---:|---:|");
    double ours1 = all.get(0).mean();
    double theirs1 = all.get(1).mean();
    for (int i = 0; i < all.size(); i += 2) {
      Figures o = all.get(i);
      Figures t = all.get(i + 1);
      System.out.printf(Locale.ROOT, "| %d | %.1f %s | %.2fx | %.1f %s | %.2fx |%n", o.clients(), o.mean(), spread(o),
          o.mean() / ours1, t.mean(), spread(t), t.mean() / theirs1);
    }
    if (json != null) {
      writeJson(all, json);
    }
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }

  /** The figures as the JSON array that {@code SameRun.ServingFigure.read} reads (the benchmark suite's report). */
  static void writeJson(List<Figures> all, Path file) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ArrayNode array = mapper.createArrayNode();
    for (Figures f : all) {
      com.fasterxml.jackson.databind.node.ObjectNode n = array.addObject().put("who", f.who()).put("clients", f.clients());
      putNumber(n, "mean", f.mean());
      putNumber(n, "min", f.aggregate().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN));
      putNumber(n, "max", f.aggregate().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }
    mapper.writeValue(file.toFile(), array);
  }

  private static void putNumber(com.fasterxml.jackson.databind.node.ObjectNode n, String field, double v) {
    if (Double.isNaN(v)) {
      n.putNull(field);
    } else {
      n.put(field, v);
    }
  }

  private static String spread(Figures f) {
    double min = f.aggregate().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    double max = f.aggregate().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    return String.format(Locale.ROOT, "(%.1f-%.1f)", min, max);
  }

  /** One round through llmux: N requests at once; aggregate tokens/s. */
  static double llmuxRound(LlamaBackend backend, int n, int tokens) throws Exception {
    return concurrently(n, () -> Api.LLMUX.generate(backend, BenchPrompts.SHORT, tokens));
  }

  /** Runs {@code request} on {@code n} threads released at once; tokens/s of all of them until the last ends. */
  static double concurrently(int n, java.util.concurrent.Callable<Integer> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fs.add(pool.submit(() -> {
          go.await();
          return request.call();
        }));
      }
      long t0 = System.nanoTime();
      go.countDown();
      int total = 0;
      for (Future<Integer> f : fs) {
        total += f.get(10, TimeUnit.MINUTES);
      }
      return total / ((System.nanoTime() - t0) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** llama.cpp's own server on a loopback port, with the same model, slots and threads. */
  static final class LlamaServerProcess implements AutoCloseable {
    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private LlamaServerProcess(Process process, String url) {
      this.process = process;
      this.url = url;
    }

    static LlamaServerProcess start(Path binary, Path model, int slots, int threads, int batchThreads)
        throws IOException, InterruptedException {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      Path log = Files.createTempFile("llama-server-", ".log");
      Process p = new ProcessBuilder(binary.toString(), "-m", model.toString(), "--host", "127.0.0.1", "--port",
          Integer.toString(port), "-c", "4096", "-np", Integer.toString(slots), "-t", Integer.toString(threads), "-tb",
          Integer.toString(batchThreads)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      LlamaServerProcess s = new LlamaServerProcess(p, "http://127.0.0.1:" + port);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      while (System.nanoTime() < until) {
        try {
          HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(URI.create(s.url + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return s;
          }
        } catch (IOException e) {
          // not up yet
        }
        if (!p.isAlive()) {
          break;
        }
        Thread.sleep(200);
      }
      s.close();
      throw new IOException("llama-server did not become healthy; log: " + log);
    }

    double round(int n, int tokens) throws Exception {
      String body = "{\"prompt\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(BenchPrompts.SHORT)
          + ",\"n_predict\":" + tokens + ",\"temperature\":0,\"ignore_eos\":true,\"cache_prompt\":true,\"stream\":true}";
      return concurrently(n, () -> {
        HttpResponse<java.util.stream.Stream<String>> r = http.send(HttpRequest.newBuilder(URI.create(url + "/completion"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
          throw new IOException("llama-server answered " + r.statusCode());
        }
        try (java.util.stream.Stream<String> lines = r.body()) {
          lines.forEach(l -> { }); // read the stream to its end: the answer is complete
        }
        return tokens;
      });
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
