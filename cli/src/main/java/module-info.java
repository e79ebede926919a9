/** The llmux command line: picocli commands that parse options, call the library and print. */
module dev.llmux.cli {
  requires dev.llmux.agent;
  requires dev.llmux.serve;
  requires dev.llmux.team;
  requires com.fasterxml.jackson.databind;
  requires info.picocli;
  requires org.jline; // the chat prompt's line reader (an automatic module)
  requires org.slf4j;
  requires jdk.unsupported; // sun.misc.Signal: Ctrl-C cancels the reply in chat.

  // picocli reads and sets the annotated fields of the commands.
  opens dev.llmux.cli to info.picocli;
}
