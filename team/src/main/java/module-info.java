/**
 * The llmux team module: teams as configuration, the lead's plan and its validation, plan
 * approval, the DAG scheduler that runs subtasks on parallel teammates, progress events, and the
 * run store (files, Valkey/Redis).
 */
module dev.llmux.team {
  requires transitive dev.llmux.agent;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires redis.clients.jedis;

  exports dev.llmux.team;
  exports dev.llmux.team.store;
}
