package dev.llmux.team.store;

/**
 * One file a teammate changed, for a completion.
 *
 * @param path the file, relative to the workspace
 * @param baseHash the SHA-1 (hex) of the content the teammate started from, or empty when the file did not exist
 * @param content the new content, or {@code null} when the teammate deleted it
 */
public record FileChange(String path, String baseHash, String content) {}
