/**
 * Trajectories: one JSON line per model call of an episode (messages sent, answer, tool call,
 * observation, backend, route decision and its probability, timings, reward) plus one line per
 * episode, written durably; reading them back up to the last complete line; and exporting them
 * as chat-format fine-tuning examples.
 */
package dev.llmux.agent.trajectory;
