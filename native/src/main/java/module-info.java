/**
 * The llmux native module: the project's root exception family and the loading of the llama.cpp
 * native library, its logs and the machine facts.
 */
@SuppressWarnings("module") // Jackson is not needed here, only allowed to read MachineReport.
module dev.llmux.nativelib {
  requires transitive org.slf4j; // NativeLog.setThreshold takes an SLF4J level.

  exports dev.llmux;
  exports dev.llmux.nativelib;

  // MachineReport is written as JSON by the doctor command.
  opens dev.llmux.nativelib to com.fasterxml.jackson.databind;
}
