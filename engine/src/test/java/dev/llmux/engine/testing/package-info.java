/**
 * Test fixtures the engine shares with other modules' tests through its test jar: synthetic
 * models, hand-built GGUF files (valid and broken) and a fake HTTP provider. They live in a
 * package of their own because a package of the engine module cannot be split into a test jar.
 */
package dev.llmux.engine.testing;
