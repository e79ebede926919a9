package dev.llmux.engine.llama;

import dev.llmux.engine.Message;
import dev.llmux.engine.Role;
import java.util.List;

/**
 * Chat prompt formats, rendered in Java. llama.cpp's own template code can throw native
 * exceptions through JNI on unusual templates (which would abort the JVM), so llmux detects the
 * family from the model's {@code tokenizer.chat_template} the way llama.cpp does and renders it
 * here. Unknown templates fall back to ChatML, as llama.cpp does.
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

  /** Detects the family from a template's source; ChatML when {@code source} is null or unknown. */
  public static ChatTemplate detect(String source) {
    if (source == null) {
      return CHATML;
    }
    if (source.contains("<|im_start|>")) {
      return CHATML;
    }
    if (source.contains("<|start_header_id|>")) {
      return LLAMA3;
    }
    if (source.contains("<start_of_turn>")) {
      return GEMMA;
    }
    if (source.contains("<|user|>") && source.contains("<|end|>")) {
      return PHI3;
    }
    if (source.contains("<|user|>")) {
      return ZEPHYR;
    }
    if (source.contains("[INST]")) {
      return LLAMA2;
    }
    return CHATML;
  }

  /** Renders a conversation and opens the assistant's turn. The BOS token is not included. */
  public String render(List<Message> messages) {
    StringBuilder sb = new StringBuilder();
    switch (this) {
      case CHATML -> {
        for (Message m : messages) {
          sb.append("<|im_start|>").append(m.role().wireName()).append('\n').append(m.content()).append("<|im_end|>\n");
        }
        sb.append("<|im_start|>assistant\n");
      }
      case LLAMA3 -> {
        for (Message m : messages) {
          sb.append("<|start_header_id|>").append(m.role().wireName()).append("<|end_header_id|>\n\n")
              .append(m.content().strip()).append("<|eot_id|>");
        }
        sb.append("<|start_header_id|>assistant<|end_header_id|>\n\n");
      }
      case ZEPHYR, PHI3 -> {
        String end = this == ZEPHYR ? "</s>" : "<|end|>";
        for (Message m : messages) {
          sb.append("<|").append(m.role().wireName()).append("|>\n").append(m.content()).append(end).append('\n');
        }
        sb.append("<|assistant|>\n");
      }
      case GEMMA -> {
        String pendingSystem = "";
        for (Message m : messages) {
          if (m.role() == Role.SYSTEM) {
            pendingSystem = m.content() + "\n\n";
            continue;
          }
          String role = m.role() == Role.ASSISTANT ? "model" : "user";
          sb.append("<start_of_turn>").append(role).append('\n').append(pendingSystem).append(m.content().strip())
              .append("<end_of_turn>\n");
          pendingSystem = "";
        }
        sb.append("<start_of_turn>model\n");
      }
      case LLAMA2 -> {
        String pendingSystem = "";
        for (Message m : messages) {
          switch (m.role()) {
            case SYSTEM -> pendingSystem = "<<SYS>>\n" + m.content() + "\n<</SYS>>\n\n";
            case USER -> {
              sb.append("[INST] ").append(pendingSystem).append(m.content().strip()).append(" [/INST]");
              pendingSystem = "";
            }
            case ASSISTANT -> sb.append(' ').append(m.content().strip()).append("</s>");
          }
        }
      }
    }
    return sb.toString();
  }
}
