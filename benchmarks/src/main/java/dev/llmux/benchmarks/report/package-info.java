/**
 * The benchmark report: JMH's and llama-bench's JSON results read back, turned into tokens/s,
 * ratios and the project's performance targets, and written as Markdown and JSON with the machine's description.
 */
package dev.llmux.benchmarks.report;
