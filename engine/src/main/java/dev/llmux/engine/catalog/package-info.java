/**
 * The model catalog: {@code llmux.json} names models (local GGUF files or HTTP providers) and maps
 * roles ({@code primary}, {@code summarizer}, any name) to them; {@link
 * dev.llmux.engine.catalog.ModelManager} loads them lazily within a memory budget.
 */
package dev.llmux.engine.catalog;
