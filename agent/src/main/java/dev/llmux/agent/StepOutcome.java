package dev.llmux.agent;

import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.tools.InvalidCall;
import dev.llmux.agent.tools.ToolCall;
import dev.llmux.engine.StopReason;
import dev.llmux.engine.Usage;
import java.util.Objects;

/**
 * How one model call of an episode ended: a tool ran, the answer was invalid, the backend failed,
 * or the call was stopped at the episode's time limit. Exactly one of these, so a step cannot be
 * both a tool run and an error.
 */
public sealed interface StepOutcome
    permits StepOutcome.ToolRun, StepOutcome.InvalidAnswer, StepOutcome.BackendError, StepOutcome.Stopped,
    StepOutcome.Reply {

  /** What the model is shown next: the tool's output, the corrective message, or why nothing ran. */
  String observation();

  /**
   * A backend's answer to one call.
   *
   * @param text the raw answer text
   * @param stopReason why the answer ended
   * @param usage its token counts
   * @param timeToFirstTokenMillis time to its first token
   */
  record Answer(String text, StopReason stopReason, Usage usage, double timeToFirstTokenMillis) {

    /** Checks that every part is present. */
    public Answer {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(stopReason, "stopReason");
      Objects.requireNonNull(usage, "usage");
    }
  }

  /**
   * The answer was a valid tool call and the tool ran.
   *
   * @param answer the answer holding the call
   * @param call the validated call
   * @param observation the tool's output
   * @param tests the test report behind the call's reward, or {@code null} when no tests ran for this
   *     version of the workspace
   * @param toolMillis time spent running the tool
   */
  record ToolRun(Answer answer, ToolCall call, String observation, TestReport tests, double toolMillis)
      implements StepOutcome {

    /** Checks that the answer, call and observation are present. */
    public ToolRun {
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(observation, "observation");
    }
  }

  /**
   * The answer was not a valid tool call; the model is asked again with a corrective message.
   *
   * @param answer the invalid answer
   * @param invalid why it was invalid
   */
  record InvalidAnswer(Answer answer, InvalidCall invalid) implements StepOutcome {

    /** Checks that both parts are present. */
    public InvalidAnswer {
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(invalid, "invalid");
    }

    /** The corrective message: {@link AgentPrompts#INVALID_PREFIX} and the problem. */
    @Override
    public String observation() {
      return AgentPrompts.corrective(invalid.message());
    }
  }

  /**
   * The backend threw instead of answering (an outage, a timeout, a request it cannot take).
   *
   * @param message the backend's error message
   */
  record BackendError(String message) implements StepOutcome {

    /** Checks that the message is present. */
    public BackendError {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String observation() {
      return "backend error: " + message;
    }
  }

  /**
   * The call was stopped ({@link StopReason#DEADLINE} or {@link StopReason#CANCELLED}) at the
   * episode's time limit; the episode ends.
   *
   * @param answer the answer as far as it got
   */
  record Stopped(Answer answer) implements StepOutcome {

    /** Checks that the answer is present. */
    public Stopped {
      Objects.requireNonNull(answer, "answer");
    }

    @Override
    public String observation() {
      return "the call was stopped (" + answer.stopReason() + ") at the episode's time limit";
    }
  }

  /**
   * A role's answer that is not a tool call: a reviewer's verdict, a tester's tests, a planner's
   * plan; valid JSON of the role's schema.
   *
   * @param answer the answer
   * @param observation what the workflow made of it, in words (the verdict, the extra tests' result)
   */
  record Reply(Answer answer, String observation) implements StepOutcome {

    /** Checks that both are present. */
    public Reply {
      Objects.requireNonNull(answer, "answer");
      Objects.requireNonNull(observation, "observation");
    }
  }
}
