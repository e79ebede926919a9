package dev.llmux.agent;

/**
 * Marks a backend whose answers are scripted rather than produced by a model (the mock backend).
 * The agent labels every step such a backend answers, in printed output and in trajectories.
 */
public interface SimulatedBackend {}
