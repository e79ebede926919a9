package dev.llmux.cli;

import dev.llmux.team.Teams;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where team files live: {@code --teams DIR}, else beside {@code --config}, else the user's config folder. */
final class TeamOptions {

  @Option(names = "--teams", paramLabel = "DIR", description = "The folder of team files (default: $XDG_CONFIG_HOME/llmux/teams, "
      + "else ~/.config/llmux/teams; with --config, teams/ beside the catalog).")
  Path teamsDir;

  @Option(names = "--config", paramLabel = "FILE", description = "A model catalog (llmux.json): teams live in teams/ beside it, and "
      + "a team created here uses it for its models.")
  Path config;

  /** The team files. */
  Teams teams() {
    if (teamsDir != null) {
      return new Teams(teamsDir);
    }
    if (config != null) {
      return new Teams(Teams.besideCatalog(config));
    }
    return new Teams(Teams.userFolder(System.getenv()));
  }
}
