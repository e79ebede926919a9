/**
 * Programming tasks ({@code tasks/<name>/}: spec, difficulty, language, pristine tests, reference
 * solution) and the harness that runs a task's pristine tests in the sandbox and reports a result
 * the code under test cannot fake.
 */
package dev.llmux.agent.task;
