package dev.llmux.cli;

import dev.llmux.team.ApprovalMode;
import dev.llmux.team.Budget;
import dev.llmux.team.Team;
import dev.llmux.team.Teams;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The team configuration commands: create, list, show, delete. */
final class TeamCommands {

  private TeamCommands() {}

  /** {@code llmux team create NAME}. */
  @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates (or with --force replaces) a team file.")
  static final class Create implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin TeamOptions where;

    @Parameters(index = "0", paramLabel = "NAME", description = "The team's name: lower-case letters, digits, '-' and '_'.")
    String name;

    @Option(names = "--lead", defaultValue = "role:primary", paramLabel = "SPEC",
        description = "Who plans: role:NAME or model:NAME of the catalog, or mock:FILE, a [MOCK] scripted lead answering the plans "
            + "in FILE (default: ${DEFAULT-VALUE}).")
    String lead;

    @Option(names = "--teammates", defaultValue = "catalog", paramLabel = "KIND",
        description = "What teammates are: catalog (agent episodes over the catalog's models) or mock ([MOCK] scripted) "
            + "(default: ${DEFAULT-VALUE}).")
    String teammates;

    @Option(names = "--workflow", defaultValue = "solo", description = "The teammates' agent workflow by name; an unknown name is refused with the list (default: ${DEFAULT-VALUE}, the agent loop).")
    String workflow;

    @Option(names = "--parallel", defaultValue = "2", paramLabel = "N", description = "Teammates at once, 1 to 32 (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--approval", defaultValue = "auto", paramLabel = "MODE",
        description = "auto, ask or criteria (default: ${DEFAULT-VALUE}).")
    String approval;

    @Option(names = "--ui", defaultValue = "inline", paramLabel = "MODE", description = "inline, bar or json (default: ${DEFAULT-VALUE}).")
    String ui;

    @Option(names = "--max-cost", defaultValue = "1.0", paramLabel = "USD", description = "The run's budget in dollars (default: ${DEFAULT-VALUE}).")
    double maxCost;

    @Option(names = "--step-cost", defaultValue = "0", paramLabel = "USD",
        description = "Estimated dollars per teammate step, for the budget criterion (default: ${DEFAULT-VALUE}).")
    double stepCost;

    @Option(names = "--max-attempts", defaultValue = "3", paramLabel = "N", description = "Attempts per subtask (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--max-plan-attempts", defaultValue = "3", paramLabel = "N", description = "Plans asked of the lead (default: ${DEFAULT-VALUE}).")
    int maxPlanAttempts;

    @Option(names = "--mock-millis", defaultValue = "200", paramLabel = "MS",
        description = "How long a [MOCK] teammate works on a subtask (default: ${DEFAULT-VALUE}).")
    long mockMillis;

    @Option(names = "--force", description = "Replace an existing team of that name.")
    boolean force;

    @Override
    public Integer call() {
      String catalog = where.config == null ? "" : where.config.toAbsolutePath().normalize().toString();
      String leadSpec = lead;
      if (leadSpec.startsWith("mock:")) {
        leadSpec = "mock:" + Path.of(leadSpec.substring(5)).toAbsolutePath().normalize();
      }
      Team team;
      try {
        team = new Team(name, leadSpec, catalog, workflow, teammates, parallel, ApprovalMode.of(approval), ui,
            new Budget(maxCost, stepCost, maxAttempts, maxPlanAttempts, Budget.DEFAULT.maxOutageRetries()), mockMillis);
      } catch (dev.llmux.team.TeamException e) {
        throw new UsageException(e.getMessage());
      }
      Path file = where.teams().save(team, force);
      spec.commandLine().getOut().println("team " + name + " written to " + file);
      return ExitCodes.OK;
    }
  }

  /** {@code llmux team list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the teams, one per line.")
  static final class ListTeams implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin TeamOptions where;

    @Override
    public Integer call() {
      Teams teams = where.teams();
      PrintWriter out = spec.commandLine().getOut();
      for (String name : teams.names()) {
        Team t = teams.load(name);
        out.printf("%-20s lead %s, %d x %s teammates (%s), approval %s%n", name, t.lead(), t.parallel(), t.teammates(), t.workflow(),
            t.approval().label());
      }
      if (teams.names().isEmpty()) {
        spec.commandLine().getErr().println("no teams in " + teams.dir() + ": create one with llmux team create NAME");
      }
      return ExitCodes.OK;
    }
  }

  /** {@code llmux team show NAME}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints a team's file.")
  static final class Show implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin TeamOptions where;

    @Parameters(index = "0", paramLabel = "NAME", description = "The team.")
    String name;

    @Override
    public Integer call() throws Exception {
      Team t = where.teams().load(name);
      spec.commandLine().getOut().println(
          dev.llmux.engine.json.JsonFields.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(t.toJson()));
      return ExitCodes.OK;
    }
  }

  /** {@code llmux team delete NAME}. */
  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a team's file.")
  static final class Delete implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin TeamOptions where;

    @Parameters(index = "0", paramLabel = "NAME", description = "The team.")
    String name;

    @Override
    public Integer call() {
      Teams teams = where.teams();
      if (!teams.delete(name)) {
        throw new UsageException("no team '" + name + "' in " + teams.dir() + ": llmux team list shows the teams");
      }
      spec.commandLine().getOut().println("team " + name + " deleted");
      return ExitCodes.OK;
    }
  }
}
