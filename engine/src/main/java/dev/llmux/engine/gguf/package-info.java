/**
 * GGUF model files: reading and checking them ({@link dev.llmux.engine.gguf.GgufFile}), writing
 * them ({@link dev.llmux.engine.gguf.GgufWriter}), and generating synthetic models with random
 * weights in the shapes of real ones ({@link dev.llmux.engine.gguf.SyntheticModels}).
 *
 * <p>Every model file passes {@link dev.llmux.engine.gguf.GgufFile#read} before native code sees
 * it, so a truncated or hostile file ends as a {@link
 * dev.llmux.engine.gguf.ModelFormatException}, never as a crashed JVM. Everything here is pure
 * Java.
 */
package dev.llmux.engine.gguf;
