/** The llmux benchmarks: JMH benchmarks of the router and the engine, their runner and report. */
@SuppressWarnings("requires-automatic") // JMH's jar has no module name of its own.
module dev.llmux.benchmarks {
  requires dev.llmux.router;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires java.net.http; // ServingComparison talks to llama-server.
  requires jmh.core;

  // JMH's generated code and runner create the benchmark states by reflection.
  opens dev.llmux.benchmarks to jmh.core;
  opens dev.llmux.benchmarks.jmh_generated to jmh.core;
}
