/**
 * The scripted mock backend for offline runs without trained weights: per tier, a probability of
 * answering with the task's reference solution or with a plausible wrong one, the tier's latency,
 * and a rate of invalid answers. Every output it produces is labelled as a mock.
 */
package dev.llmux.agent.mock;
