/** JMH benchmarks: token throughput through llmux and the raw binding, router overhead. */
package dev.llmux.benchmarks;
