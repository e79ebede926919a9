package dev.llmux.agent.sandbox;

/** How strongly a sandbox separates a program from the machine. */
public enum Isolation {
  /**
   * bubblewrap: no network, read-only system, only the workspace writable, new PID namespace,
   * environment cleared to an allowlist, dies with the JVM; plus resource limits.
   */
  BUBBLEWRAP("bubblewrap"),
  /**
   * Resource limits and the wall-clock limit only: the program sees the network and the whole
   * file system the user can see. Never chosen silently.
   */
  LIMITS_ONLY("weaker (no bubblewrap)");

  private final String label;

  Isolation(String label) {
    this.label = label;
  }

  /** The short label printed with every result: {@code bubblewrap} or {@code weaker (no bubblewrap)}. */
  public String label() {
    return label;
  }
}
