package dev.llmux.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.router.policy.Registry;
import dev.llmux.router.sim.Scenarios;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help texts that name what the library offers, checked against the library so they cannot drift. */
final class HelpTextTest {

  /** The command's help with all white space removed (picocli wraps lines inside names such as "bandit.Ucb1"). */
  private static String help(String... command) {
    String[] args = new String[command.length + 1];
    System.arraycopy(command, 0, args, 0, command.length);
    args[command.length] = "--help";
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exitCode(), r.err());
    return r.out().replaceAll("\\s+", "");
  }

  @Test
  void routerHelp_namesEveryPreset() {
    assertEquals(Scenarios.presets(), List.of(RouterOptions.PRESETS.split(", ")));
    for (String[] command : new String[][] {{"router"}, {"router", "train"}, {"router", "eval"}}) {
      String text = help(command);
      for (String preset : Scenarios.presets()) {
        assertTrue(text.contains(preset), String.join(" ", command) + " --help omits " + preset + ": " + text);
      }
    }
  }

  @Test
  void agentRunHelp_namesEveryRouterTheAgentTakes() {
    String text = help("agent", "run");
    Registry registry = Registry.standard();
    List<String> names = new ArrayList<>(registry.aliases());
    for (String name : registry.names()) {
      if (registry.kind(name) != Registry.Kind.ORACLE) {
        names.add(name);
      }
    }
    for (String name : names) {
      assertTrue(text.contains(name), "agent run --help omits " + name + ": " + text);
    }
  }

  @Test
  void routerTrainOut_isTheFileTheAgentReads() {
    CommandLine cl = LlmuxCommand.commandLine();
    Object out = cl.getSubcommands().get("router").getSubcommands().get("train").getCommandSpec().findOption("--out")
        .defaultValue();
    Object policy = cl.getSubcommands().get("agent").getSubcommands().get("run").getCommandSpec().findOption("--policy")
        .defaultValue();
    assertEquals(policy, out);
  }

  @Test
  void everyCommandSummary_isAWholeSentence() {
    List<String> cut = new ArrayList<>();
    collect(LlmuxCommand.commandLine(), cut);
    assertTrue(cut.isEmpty(), "summaries cut off in the parent's command list: " + cut);
  }

  private static void collect(CommandLine cl, List<String> cut) {
    String[] description = cl.getCommandSpec().usageMessage().description();
    if (description.length > 0 && !description[0].strip().endsWith(".")) {
      cut.add(cl.getCommandSpec().qualifiedName() + ": " + description[0]);
    }
    cl.getSubcommands().values().forEach(sub -> collect(sub, cut));
  }
}
