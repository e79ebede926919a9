/**
 * The llmux engine module: the Backend API, local GGUF models through llama.cpp, HTTP backends,
 * the model catalog and GGUF reading and writing.
 */
@SuppressWarnings("requires-automatic") // The binding's jar has no module name of its own.
module dev.llmux.engine {
  requires transitive dev.llmux.nativelib;
  requires transitive com.fasterxml.jackson.databind;
  requires java.net.http;
  requires org.slf4j;
  requires llama;

  exports dev.llmux.engine;
  exports dev.llmux.engine.catalog;
  exports dev.llmux.engine.context;
  exports dev.llmux.engine.gguf;
  exports dev.llmux.engine.http;
  exports dev.llmux.engine.json;
  exports dev.llmux.engine.llama;

  // Responses are written as JSON by the generate command.
  opens dev.llmux.engine to com.fasterxml.jackson.databind;
}
