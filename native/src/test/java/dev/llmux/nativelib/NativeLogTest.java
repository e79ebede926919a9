package dev.llmux.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

final class NativeLogTest {

  @Test
  void parse_bindingLevelNames_mapToSlf4j() {
    assertEquals(Level.ERROR, NativeLog.parse("ERROR"));
    assertEquals(Level.WARN, NativeLog.parse("WARN"));
    assertEquals(Level.INFO, NativeLog.parse("INFO"));
    assertEquals(Level.DEBUG, NativeLog.parse("DEBUG"));
    assertEquals(Level.INFO, NativeLog.parse(null));
  }

  @Test
  void setThreshold_controlsVerbosity() {
    NativeLog log = NativeLog.instance();
    Level before = log.threshold();
    try {
      log.setThreshold(Level.INFO);
      assertTrue(log.verbose());
      log.setThreshold(Level.WARN);
      assertFalse(log.verbose());
      log.setThreshold(null);
      assertNull(log.threshold());
      assertFalse(log.verbose());
    } finally {
      log.setThreshold(before);
    }
  }

  @Test
  void accept_fragmentsWithoutNewline_areBufferedUntilFlush() {
    NativeLog log = NativeLog.instance();
    log.accept("INFO", "load");
    log.accept("INFO", "ing...");
    log.accept("INFO", " done\nnext");
    log.flush();
    // No exception and the buffer is empty afterwards: a second flush emits nothing.
    log.flush();
  }
}
