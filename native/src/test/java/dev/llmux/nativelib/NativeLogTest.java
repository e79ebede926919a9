package dev.llmux.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
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
    List<String> lines = new ArrayList<>();
    NativeLog log = new NativeLog((level, line) -> lines.add(level + " " + line));
    log.setThreshold(Level.INFO);
    log.accept("INFO", "load");
    log.accept("INFO", "ing...");
    assertEquals(List.of(), lines, "a fragment without a line end is held back");
    log.accept("INFO", " done\nnext");
    assertEquals(List.of("INFO loading... done"), lines);
    log.flush();
    assertEquals(List.of("INFO loading... done", "INFO next"), lines);
    log.flush();
    assertEquals(2, lines.size(), "a second flush emits nothing");
  }

  @Test
  void accept_linesBelowTheThreshold_areDropped_andALineKeepsTheLevelOfItsFirstFragment() {
    List<String> lines = new ArrayList<>();
    NativeLog log = new NativeLog((level, line) -> lines.add(level + " " + line));
    log.setThreshold(Level.WARN);
    log.accept("INFO", "chatter\n");
    log.accept("ERROR", "fail");
    log.accept("INFO", "ed\n");
    assertEquals(List.of("ERROR failed"), lines);
  }
}
