/**
 * JMH benchmarks of llmux: token throughput, time to first token, concurrency and per-token cost
 * through llmux's Backend API against the raw binding on the same loaded model; the router's
 * choose and feedback per policy; a routed request against the direct one. {@link
 * dev.llmux.benchmarks.Suite} runs them all (with llama-bench when it is on the PATH) and writes
 * the report; {@link dev.llmux.benchmarks.Jmh} is plain JMH with the project's run defaults.
 */
package dev.llmux.benchmarks;
