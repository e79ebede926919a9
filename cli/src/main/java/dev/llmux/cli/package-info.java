/** The {@code llmux} command line (picocli): thin commands that parse, call the library and print. */
package dev.llmux.cli;
