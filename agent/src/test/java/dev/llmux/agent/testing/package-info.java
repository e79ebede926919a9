/**
 * Test fixtures the agent shares with other modules' tests through its test jar: the bundled
 * tasks folder and small tasks written for a test. They live in a package of their own because a
 * package of the agent module cannot be split into a test jar.
 */
package dev.llmux.agent.testing;
