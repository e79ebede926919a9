package dev.llmux.cli;

import picocli.CommandLine;

/** Reports llmux's version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = LlmuxCommand.class.getPackage().getImplementationVersion();
    return new String[] {"llmux " + (v == null ? "development build" : v)};
  }
}
