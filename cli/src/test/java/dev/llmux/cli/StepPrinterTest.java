package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.StepOutcome;
import dev.llmux.agent.StepRecord;
import dev.llmux.engine.Message;
import dev.llmux.router.policy.RouteDecision;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StepPrinterTest {

  @Test
  void onStep_backendError_printsTheWholeMessage() {
    String message = "backend 'cloud' failed: HTTP 401 from https://api.example.com/v1/chat/completions:"
        + " invalid api key, check OPENAI_API_KEY";
    StringWriter s = new StringWriter();
    new StepPrinter(new PrintWriter(s), false).onStep(new StepRecord("run", "py-add", 0, 1, Instant.EPOCH, "cloud",
        false, new RouteDecision("cloud", 0, "greedy", 1), List.of(Message.user("hi")), 20, 0, 0, 0, false,
        new StepOutcome.BackendError(message)));
    String out = s.toString();
    assertTrue(out.contains("BACKEND ERROR"), out);
    assertTrue(out.contains("re-asking"), out);
    assertTrue(out.contains(message), "the useful end of the message is kept: " + out);
    assertEquals(2, out.lines().count(), out);
  }
}
