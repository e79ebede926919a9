/**
 * The simulator: model profiles and workloads ({@link dev.llmux.router.sim.Scenario}), presets
 * calibrated from public figures ({@link dev.llmux.router.sim.Scenarios}), and seeded,
 * reproducible multi-step episodes ({@link dev.llmux.router.sim.Simulator}). Runs without native
 * code.
 */
package dev.llmux.router.sim;
