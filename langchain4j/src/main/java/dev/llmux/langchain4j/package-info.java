/**
 * LangChain4j adapters: {@link dev.llmux.langchain4j.LlmuxChatModel} and {@link
 * dev.llmux.langchain4j.LlmuxStreamingChatModel} answer through any llmux {@code Backend}; {@code
 * LlmuxMapper} maps requests and responses both ways.
 */
package dev.llmux.langchain4j;
