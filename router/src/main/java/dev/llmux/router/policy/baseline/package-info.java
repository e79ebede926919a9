/**
 * Fixed baselines that every evaluation runs beside the learned policies: {@code baseline.Always},
 * {@code baseline.Random} and {@code baseline.Cascade}. They learn nothing.
 */
package dev.llmux.router.policy.baseline;
