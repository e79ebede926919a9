/** LangChain4j's ChatModel and StreamingChatModel over any llmux Backend (a model, a role, a routed set). */
@SuppressWarnings("requires-automatic") // langchain4j-core's jar has no module name of its own.
module dev.llmux.langchain4j {
  requires transitive dev.llmux.engine;
  requires transitive langchain4j.core;
  requires com.fasterxml.jackson.databind;

  exports dev.llmux.langchain4j;
}
