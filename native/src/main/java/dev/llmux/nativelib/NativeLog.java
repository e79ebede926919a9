package dev.llmux.nativelib;

import java.util.Locale;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Routes llama.cpp's log output into SLF4J, under the logger {@value #LOGGER_NAME}.
 *
 * <p>llama.cpp delivers text in fragments (progress dots, lines split across calls); this sink
 * joins them into whole lines. Lines below the threshold are dropped before reaching SLF4J; the
 * default threshold is WARN (quiet), set by the system property {@value #LEVEL_PROPERTY} or
 * {@link #setThreshold}.
 */
public final class NativeLog {

  /** The SLF4J logger that receives llama.cpp's lines. */
  public static final String LOGGER_NAME = "llama.cpp";

  /** System property with the threshold (trace, debug, info, warn, error, off). */
  public static final String LEVEL_PROPERTY = "llmux.native.log.level";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
  private static final NativeLog INSTANCE = new NativeLog(NativeLog::toSlf4j);

  private final StringBuilder pending = new StringBuilder();
  private Level pendingLevel = Level.INFO;
  private volatile Level threshold = parse(System.getProperty(LEVEL_PROPERTY, "warn"));
  private volatile boolean off = "off".equalsIgnoreCase(System.getProperty(LEVEL_PROPERTY, "warn"));

  private final BiConsumer<Level, String> sink;

  /** A sink that hands each whole line at or above the threshold to {@code sink}. */
  NativeLog(BiConsumer<Level, String> sink) {
    this.sink = sink;
  }

  /** The process-wide sink (llama.cpp's log callback is process-wide too). */
  public static NativeLog instance() {
    return INSTANCE;
  }

  /** Sets the lowest level forwarded to SLF4J; {@code null} turns forwarding off. */
  public void setThreshold(Level level) {
    this.off = level == null;
    this.threshold = level == null ? Level.ERROR : level;
  }

  /** The lowest level forwarded, or {@code null} when off. */
  public Level threshold() {
    return off ? null : threshold;
  }

  /** Whether llama.cpp's own verbose output is wanted at all (threshold at INFO or below). */
  public boolean verbose() {
    return !off && threshold.toInt() <= Level.INFO.toInt();
  }

  /**
   * Accepts one fragment from llama.cpp.
   *
   * @param level the binding's level name (DEBUG, INFO, WARN, ERROR)
   * @param text the fragment, possibly without a line end
   */
  public void accept(String level, String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    Level lvl = parse(level);
    synchronized (pending) {
      if (pending.length() == 0) {
        pendingLevel = lvl;
      }
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          pending.append(text, start, i);
          emit(pendingLevel, pending.toString());
          pending.setLength(0);
          pendingLevel = lvl;
          start = i + 1;
        }
      }
      pending.append(text, start, text.length());
    }
  }

  /** Emits a half line still buffered (at shutdown, or before a load returns). */
  public void flush() {
    synchronized (pending) {
      if (pending.length() > 0) {
        emit(pendingLevel, pending.toString());
        pending.setLength(0);
      }
    }
  }

  private void emit(Level level, String line) {
    if (off || line.isBlank() || level.toInt() < threshold.toInt()) {
      return;
    }
    sink.accept(level, line);
  }

  private static void toSlf4j(Level level, String line) {
    switch (level) {
      case ERROR -> LOG.error(line);
      case WARN -> LOG.warn(line);
      case INFO -> LOG.info(line);
      case DEBUG -> LOG.debug(line);
      default -> LOG.trace(line);
    }
  }

  static Level parse(String name) {
    if (name == null) {
      return Level.INFO;
    }
    return switch (name.trim().toUpperCase(Locale.ROOT)) {
      case "ERROR" -> Level.ERROR;
      case "WARN", "WARNING" -> Level.WARN;
      case "DEBUG" -> Level.DEBUG;
      case "TRACE" -> Level.TRACE;
      case "OFF" -> Level.ERROR;
      default -> Level.INFO;
    };
  }
}
