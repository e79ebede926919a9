package dev.llmux.team;

import dev.llmux.agent.AgentBackends;
import dev.llmux.agent.AgentConfig;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.workflow.Workflows;
import dev.llmux.engine.catalog.Catalog;
import dev.llmux.engine.catalog.ModelManager;
import dev.llmux.team.mock.ScriptedLead;
import dev.llmux.team.mock.ScriptedTeammate;
import java.nio.file.Path;

/**
 * What a team's configuration turns into: its lead ({@link BackendLead} over a catalog model or
 * role, or a [MOCK] {@link ScriptedLead}), its teammate ({@link AgentTeammate} over the catalog's
 * models, or a [MOCK] {@link ScriptedTeammate}) and the sandboxed acceptance checks. Closing it
 * closes the models.
 */
public final class TeamSetup implements AutoCloseable {

  private final Lead lead;
  private final Teammate teammate;
  private final AcceptanceChecks checks;
  private final boolean mock;
  private final ModelManager leadModels;
  private final AgentBackends teammateModels;

  private TeamSetup(Lead lead, Teammate teammate, AcceptanceChecks checks, boolean mock, ModelManager leadModels,
      AgentBackends teammateModels) {
    this.lead = lead;
    this.teammate = teammate;
    this.checks = checks;
    this.mock = mock;
    this.leadModels = leadModels;
    this.teammateModels = teammateModels;
  }

  /**
   * Opens what {@code team} names. {@code withLead} false skips the lead (a worker only runs
   * approved plans). Relative paths in the team (catalog, mock plans) resolve against {@code base}.
   */
  public static TeamSetup open(Team team, boolean withLead, Path base, Sandbox sandbox, AgentConfig agentConfig) {
    AcceptanceChecks checks = new AcceptanceChecks(sandbox);
    Path catalog = team.catalog().isBlank() ? null : base.resolve(team.catalog());
    ModelManager leadModels = null;
    AgentBackends teammateModels = null;
    try {
      Lead lead = null;
      if (withLead) {
        if (team.lead().startsWith("mock:")) {
          lead = ScriptedLead.fromFile(base.resolve(team.lead().substring(5)));
        } else {
          leadModels = Catalog.open(catalog);
          String name = team.lead().substring(team.lead().indexOf(':') + 1);
          lead = new BackendLead(leadModels.backend(name), 42);
        }
      }
      Teammate teammate;
      if (team.teammates().equals("mock")) {
        teammate = new ScriptedTeammate(team.mockMillis());
      } else {
        teammateModels = AgentBackends.fromCatalog(catalog);
        teammate = new AgentTeammate(teammateModels, checks, agentConfig, Workflows.named(team.workflow()));
      }
      boolean mock = team.teammates().equals("mock") || team.lead().startsWith("mock:");
      return new TeamSetup(lead, teammate, checks, mock, leadModels, teammateModels);
    } catch (RuntimeException e) {
      if (leadModels != null) {
        leadModels.close();
      }
      if (teammateModels != null) {
        teammateModels.close();
      }
      throw e;
    }
  }

  /** The lead, or {@code null} when opened without one. */
  public Lead lead() {
    return lead;
  }

  /** The teammate. */
  public Teammate teammate() {
    return teammate;
  }

  /** The acceptance checks. */
  public AcceptanceChecks checks() {
    return checks;
  }

  /** Whether the lead or the teammates are [MOCK] scripts. */
  public boolean mock() {
    return mock;
  }

  @Override
  public void close() {
    if (leadModels != null) {
      leadModels.close();
    }
    if (teammateModels != null) {
      teammateModels.close();
    }
  }
}
