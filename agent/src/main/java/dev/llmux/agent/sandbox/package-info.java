/**
 * The sandbox that runs test commands and any other program an agent asks for: bubblewrap
 * (no network, read-only system, only the workspace writable, own PID namespace, cleared
 * environment, dies with the JVM) plus resource limits and a wall-clock limit that kills the whole
 * process tree. Without bubblewrap it runs with limits only and says so loudly.
 *
 * <p>Entry point: {@link dev.llmux.agent.sandbox.Sandbox#detect()} then
 * {@link dev.llmux.agent.sandbox.Sandbox#run(SandboxRequest)}.
 */
package dev.llmux.agent.sandbox;
