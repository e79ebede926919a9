/**
 * The llmux native module: the project's root exception family and the loading of the llama.cpp
 * native library, its logs and the machine facts.
 */
@SuppressWarnings("module") // Jackson is not needed here, only allowed to read MachineReport.
module dev.llmux.nativelib {
  requires org.slf4j;

  exports dev.llmux;
  exports dev.llmux.nativelib;

  // MachineReport is written as JSON by the doctor command.
  opens dev.llmux.nativelib to com.fasterxml.jackson.databind;
}
