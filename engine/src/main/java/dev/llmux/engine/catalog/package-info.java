/**
 * The model catalog: {@code llmux.json} names models (local GGUF files or HTTP providers) and maps
 * roles ({@code primary}, {@code summarizer}, any name) to them. {@link
 * dev.llmux.engine.catalog.Catalog#open} embeds it in one call: the {@link
 * dev.llmux.engine.catalog.ModelManager} that makes its backends lazily, loads local models within a
 * memory budget and checks their {@code sha256} pins ({@link dev.llmux.engine.catalog.ModelPins});
 * {@link dev.llmux.engine.catalog.Catalog#locate} is the one lookup of the catalog file.
 */
package dev.llmux.engine.catalog;
