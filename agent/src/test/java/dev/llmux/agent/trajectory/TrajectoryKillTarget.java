package dev.llmux.agent.trajectory;

import dev.llmux.agent.Agent;
import dev.llmux.agent.Bench;
import dev.llmux.agent.TestDoubles.ContentEvaluator;
import dev.llmux.agent.TestDoubles.RecordingPolicy;
import dev.llmux.agent.mock.MockBackends;
import dev.llmux.agent.mock.MockTier;
import dev.llmux.agent.task.Task;
import dev.llmux.agent.task.Tasks;
import java.nio.file.Path;
import java.util.List;

/** A program that runs mock episodes forever, writing a trajectory; the test kills it mid-way. */
public final class TrajectoryKillTarget {

  private TrajectoryKillTarget() {}

  /** Arguments: the trajectory file, the tasks folder. */
  public static void main(String[] args) {
    Task task = Tasks.loadAll(Path.of(args[1])).get(0);
    String file = task.solutionFiles().get(0);
    Agent agent = Agent.builder()
        .policy(new RecordingPolicy("mock-fast"))
        .backends(MockBackends.of(List.of(MockTier.FAST), List.of(task), 1, 0.1).values())
        .evaluator(new ContentEvaluator(file, Tasks.reference(task, file)))
        .build();
    try (TrajectoryWriter w = TrajectoryWriter.open(Path.of(args[0]))) {
      while (true) {
        Bench.run(agent, List.of(task), 1, w);
      }
    }
  }
}
