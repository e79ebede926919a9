/**
 * Keeping conversations within a model's context: {@link dev.llmux.engine.context.ContextCompactor}
 * replaces older messages by a marked summary from the summarizer (falling back to the primary,
 * then to a marked truncation), and {@link dev.llmux.engine.context.SummarizingBackend} applies it
 * to every request of any backend.
 */
package dev.llmux.engine.context;
