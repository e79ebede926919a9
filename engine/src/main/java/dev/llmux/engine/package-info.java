/**
 * The Backend API: one interface for every model, local or remote.
 *
 * <p>A request enters through {@link dev.llmux.engine.Backend#chat}; tokens come back through a
 * {@link dev.llmux.engine.TokenListener}; the final {@link dev.llmux.engine.ChatResponse} carries
 * text, stop reason, usage and timings. Standard implementations are made by
 * {@link dev.llmux.engine.Backends}.
 */
package dev.llmux.engine;
