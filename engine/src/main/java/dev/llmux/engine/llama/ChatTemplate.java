package dev.llmux.engine.llama;

import dev.llmux.engine.ConfigException;
import dev.llmux.engine.Message;
import dev.llmux.engine.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Chat prompt formats, rendered in Java. llama.cpp's own template code can throw native
 * exceptions through JNI on unusual templates (which would abort the JVM), so llmux detects the
 * family from the model's {@code tokenizer.chat_template} the way llama.cpp does and renders it
 * here. A template of no known family, or none at all, falls back to ChatML, as llama.cpp does,
 * with a warning ({@link #resolve}); a model's spec may name the family instead ({@code
 * chatTemplate} in the catalog, {@code --chat-template} on the command line).
 */
public enum ChatTemplate {
  /** {@code <|im_start|>role\n...<|im_end|>} (Qwen, many fine-tunes). */
  CHATML,
  /** {@code <|start_header_id|>role<|end_header_id|>\n\n...<|eot_id|>} (Llama 3). */
  LLAMA3,
  /** {@code <|user|>\n...</s>} (Zephyr, TinyLlama chat). */
  ZEPHYR,
  /** {@code <|user|>\n...<|end|>} (Phi-3). */
  PHI3,
  /** {@code <start_of_turn>user\n...<end_of_turn>} (Gemma). */
  GEMMA,
  /** {@code [INST] ... [/INST]} (Llama 2, Mistral). */
  LLAMA2;

  /**
   * The template a model uses, and a warning when it is a guess.
   *
   * @param template the family used
   * @param warning why the family is ChatML by default (no template, or one of no known family),
   *     naming the model and how to choose another; {@code null} when the family is known or chosen
   */
  public record Resolved(ChatTemplate template, String warning) {}

  /** Detects the family from a template's source; ChatML when {@code source} is null or unknown. */
  public static ChatTemplate detect(String source) {
    return recognize(source).orElse(CHATML);
  }

  /** The family of a template's source, or empty when {@code source} is null or of no known family. */
  public static Optional<ChatTemplate> recognize(String source) {
    if (source == null) {
      return Optional.empty();
    }
    if (source.contains("<|im_start|>")) {
      return Optional.of(CHATML);
    }
    if (source.contains("<|start_header_id|>")) {
      return Optional.of(LLAMA3);
    }
    if (source.contains("<start_of_turn>")) {
      return Optional.of(GEMMA);
    }
    if (source.contains("<|user|>") && source.contains("<|end|>")) {
      return Optional.of(PHI3);
    }
    if (source.contains("<|user|>")) {
      return Optional.of(ZEPHYR);
    }
    if (source.contains("[INST]")) {
      return Optional.of(LLAMA2);
    }
    return Optional.empty();
  }

  /**
   * The template model {@code model} uses: {@code chosen} when given, else the family of its
   * template's {@code source}, else ChatML with a warning that names the model, the fallback and
   * how to choose.
   */
  public static Resolved resolve(String model, String source, ChatTemplate chosen) {
    if (chosen != null) {
      return new Resolved(chosen, null);
    }
    Optional<ChatTemplate> known = recognize(source);
    if (known.isPresent()) {
      return new Resolved(known.get(), null);
    }
    return new Resolved(CHATML, "model '" + model + "' " + (source == null ? "has no chat template" : "has a chat"
        + " template of no family llmux knows") + ": using ChatML. If its answers look wrong, choose the family with"
        + " \"chatTemplate\" in the catalog or --chat-template (" + names() + ")");
  }

  /** The family's name in configs and on the command line: {@code chatml}, {@code llama3}, .... */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The family called {@code name} ({@link #configName()}, any case).
   *
   * @throws ConfigException naming the families when there is none of that name
   */
  public static ChatTemplate byName(String name) {
    for (ChatTemplate t : values()) {
      if (t.configName().equalsIgnoreCase(name.strip())) {
        return t;
      }
    }
    throw new ConfigException("unknown chat template '" + name + "': use one of " + names());
  }

  private static String names() {
    return Arrays.stream(values()).map(ChatTemplate::configName).collect(Collectors.joining(", "));
  }

  /**
   * Renders a conversation and opens the assistant's turn. When the last message is the
   * assistant's, its turn is left open so the model continues that text (prefix continuation, as a
   * fallback after a failed stream needs). The BOS token is not included.
   */
  public String render(List<Message> messages) {
    boolean continues = !messages.isEmpty() && messages.get(messages.size() - 1).role() == Role.ASSISTANT;
    List<Message> closed = continues ? messages.subList(0, messages.size() - 1) : messages;
    StringBuilder sb = new StringBuilder();
    String pendingSystem = "";
    for (Message m : closed) {
      if ((this == GEMMA || this == LLAMA2) && m.role() == Role.SYSTEM) {
        pendingSystem = m.content();
        continue;
      }
      switch (this) {
        case CHATML -> sb.append("<|im_start|>").append(m.role().wireName()).append('\n').append(m.content()).append("<|im_end|>\n");
        case LLAMA3 -> sb.append("<|start_header_id|>").append(m.role().wireName()).append("<|end_header_id|>\n\n")
            .append(m.content().strip()).append("<|eot_id|>");
        case ZEPHYR -> sb.append("<|").append(m.role().wireName()).append("|>\n").append(m.content()).append("</s>\n");
        case PHI3 -> sb.append("<|").append(m.role().wireName()).append("|>\n").append(m.content()).append("<|end|>\n");
        case GEMMA -> {
          String role = m.role() == Role.ASSISTANT ? "model" : "user";
          String system = pendingSystem.isEmpty() || m.role() != Role.USER ? "" : pendingSystem + "\n\n";
          sb.append("<start_of_turn>").append(role).append('\n').append(system).append(m.content().strip())
              .append("<end_of_turn>\n");
          if (m.role() == Role.USER) {
            pendingSystem = "";
          }
        }
        case LLAMA2 -> {
          if (m.role() == Role.USER) {
            String system = pendingSystem.isEmpty() ? "" : "<<SYS>>\n" + pendingSystem + "\n<</SYS>>\n\n";
            sb.append("[INST] ").append(system).append(m.content().strip()).append(" [/INST]");
            pendingSystem = "";
          } else {
            sb.append(' ').append(m.content().strip()).append("</s>");
          }
        }
      }
    }
    switch (this) {
      case CHATML -> sb.append("<|im_start|>assistant\n");
      case LLAMA3 -> sb.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
      case ZEPHYR, PHI3 -> sb.append("<|assistant|>\n");
      case GEMMA -> sb.append("<start_of_turn>model\n");
      case LLAMA2 -> sb.append(continues ? " " : "");
    }
    if (continues) {
      sb.append(messages.get(messages.size() - 1).content());
    }
    return sb.toString();
  }
}
