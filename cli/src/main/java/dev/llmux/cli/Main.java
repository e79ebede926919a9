package dev.llmux.cli;

/**
 * Entry point of the {@code llmux} command line.
 *
 * <p>Logging is set up before anything logs: warnings only by default, everything from llmux and
 * llama.cpp with {@code --verbose}. The process exits explicitly because llama.cpp's serving
 * threads are not daemon threads.
 */
public final class Main {

  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    configureLogging(args);
    int status = LlmuxCommand.run(args);
    System.out.flush();
    System.err.flush();
    System.exit(status);
  }

  static void configureLogging(String[] args) {
    boolean verbose = false;
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("-v") || a.equals(CliSupport.VERBOSE)) {
        verbose = true;
      }
    }
    setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
    setDefault("org.slf4j.simpleLogger.log.ai.djl", verbose ? "debug" : "error"); // DJL probes CUDA for the tokenizer
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    setDefault("llmux.native.log.level", verbose ? "info" : "warn");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
