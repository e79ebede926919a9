package dev.llmux.cli;

import dev.llmux.router.text.EstimatorTraining;
import dev.llmux.router.text.OnnxTextEncoder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmux router estimator-train}: retrains the difficulty head from labelled text. */
@Command(
    name = "estimator-train",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Retrain the difficulty head from labelled text and report it on held-out items.",
        "--data is JSON lines {\"id\", \"difficulty\": EASY|MEDIUM|HARD, \"text\"} (router/training/leetcode_to_jsonl.py"
            + " makes them from doocs/leetcode). Writes difficulty-head-v1.json, difficulty-pool-v1.tsv.gz,"
            + " estimator-report.md and estimator-calibration.png into --out."})
final class RouterEstimatorTrainCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", paramLabel = "FILE", required = true, description = "Labelled texts, JSON lines.")
  Path data;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where the head, pool and report go.")
  Path out;

  @Option(names = "--tasks", paramLabel = "DIR", description = "Bundled tasks (task.json + spec.md) as a second held-out check.")
  Path tasks;

  @Option(names = "--cache", paramLabel = "FILE", description = "Embedding cache: reused texts are not encoded again.")
  Path cache;

  @Option(names = "--source", paramLabel = "NAME", defaultValue = "doocs/leetcode (CC BY-SA 4.0; statements (c) LeetCode)",
      description = "The data's source and licence, recorded in the head (default: ${DEFAULT-VALUE}).")
  String source;

  @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "256", description = "Tokens encoded per text, head and tail (default: ${DEFAULT-VALUE}).")
  int maxTokens;

  @Option(names = "--unsure-below", paramLabel = "P", defaultValue = "0.5",
      description = "Estimates whose top probability is below P route as UNKNOWN (default: ${DEFAULT-VALUE}).")
  double unsureBelow;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "ONNX intra-op threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() {
    if (maxTokens < 8 || maxTokens > 512) {
      throw new UsageException("--max-tokens is " + maxTokens + ": use 8 to 512");
    }
    if (!(unsureBelow >= 0 && unsureBelow <= 1)) {
      throw new UsageException("--unsure-below is " + unsureBelow + ": use 0 to 1");
    }
    if (tasks != null && !Files.isDirectory(tasks)) {
      throw new UsageException("--tasks " + tasks + " is not a directory");
    }
    PrintWriter err = spec.commandLine().getErr();
    List<EstimatorTraining.Item> items = EstimatorTraining.readItems(data);
    List<EstimatorTraining.Item> taskItems = tasks == null ? List.of() : EstimatorTraining.readTasks(tasks);
    float[][] embeddings;
    float[][] taskEmbeddings;
    try (OnnxTextEncoder encoder = OnnxTextEncoder.open(OnnxTextEncoder.Options.defaults().withMaxTokens(maxTokens)
        .withThreads(threads))) {
      embeddings = EstimatorTraining.embed(items, encoder, cache, m -> err.println(m));
      taskEmbeddings = EstimatorTraining.embed(taskItems, encoder, null, m -> err.println(m));
    }
    EstimatorTraining.Result r = EstimatorTraining.train(items, embeddings, taskItems, taskEmbeddings, maxTokens,
        unsureBelow, source, out, m -> err.println(m));
    PrintWriter o = spec.commandLine().getOut();
    o.print(r.report());
    r.files().forEach(f -> o.println("wrote " + f));
    o.flush();
    return 0;
  }
}
