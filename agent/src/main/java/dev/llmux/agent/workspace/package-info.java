/**
 * The workspace of one agent run: a fresh directory in which every tool path is resolved and
 * confined (no absolute paths, no {@code ..}, no symbolic links that lead out), with file sizes
 * capped.
 */
package dev.llmux.agent.workspace;
