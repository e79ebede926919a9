/** Finding and loading the llama.cpp native library once, routing its logs, describing the machine. */
package dev.llmux.nativelib;
