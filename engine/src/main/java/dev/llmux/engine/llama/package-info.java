/**
 * Local GGUF models through llama.cpp's JNI binding (de.kherud:llama). This is the only package
 * that imports {@code de.kherud.llama}; it absorbs the binding's traps (see {@link
 * dev.llmux.engine.llama.LlamaBackend}) and exposes only typed options.
 */
package dev.llmux.engine.llama;
