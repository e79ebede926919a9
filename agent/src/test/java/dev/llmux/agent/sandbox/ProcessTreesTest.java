package dev.llmux.agent.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Killing a process tree keeps what the program wrote readable. */
final class ProcessTreesTest {

  @Test
  void kill_afterTheProcessEnded_leavesItsOutputReadable() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "echo ok; echo err >&2").start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    // Nothing has read the output yet, as when the draining thread is slow on a busy machine.
    ProcessTrees.kill(p, false);
    assertEquals("ok\n", new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertEquals("err\n", new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void kill_whileRunning_endsTheProcessAndItsChildren() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "sleep 1000 & sleep 1000").start();
    ProcessTrees.kill(p, false);
    assertFalse(p.isAlive());
    assertEquals(0, p.descendants().count());
  }
}
