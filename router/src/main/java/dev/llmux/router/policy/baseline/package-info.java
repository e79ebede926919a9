/**
 * Fixed baselines that learn nothing: {@code baseline.Always}, {@code baseline.Random} and {@code
 * baseline.Cascade}, which every evaluation runs beside the learned policies, and {@code
 * baseline.RoundRobin}, which takes the backends in turn.
 */
package dev.llmux.router.policy.baseline;
