package dev.llmux.engine.gguf;

import java.util.List;

/**
 * The chat format a synthetic model carries: its Jinja chat template (written for llmux in the
 * style of the real family's template), the control tokens the template uses, and which tokens
 * are begin and end of sequence.
 */
enum ChatFormat {
  /** ChatML, as Qwen2.5 uses it. */
  CHATML(
      "{%- for message in messages %}"
          + "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
          + "{%- endfor %}"
          + "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
      List.of("<|endoftext|>", "<|im_start|>", "<|im_end|>"),
      "<|endoftext|>",
      "<|im_end|>",
      false),
  /** The Llama 3 header format. */
  LLAMA3(
      "{{- bos_token }}"
          + "{%- for message in messages %}"
          + "{{- '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n' }}"
          + "{{- (message['content'] | trim) + '<|eot_id|>' }}"
          + "{%- endfor %}"
          + "{%- if add_generation_prompt %}"
          + "{{- '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}"
          + "{%- endif %}",
      List.of(
          "<|begin_of_text|>",
          "<|end_of_text|>",
          "<|start_header_id|>",
          "<|end_header_id|>",
          "<|eot_id|>"),
      "<|begin_of_text|>",
      "<|eot_id|>",
      true),
  /**
   * The Zephyr format TinyLlama's chat model uses; its markers are plain text. Each role's marker
   * is spelled out, as in TinyLlama's template, since template detection (llmux's and llama.cpp's)
   * looks for the literal {@code <|user|>}.
   */
  ZEPHYR(
      "{%- for message in messages %}"
          + "{%- if message['role'] == 'user' %}{{- '<|user|>\\n' + message['content'] + eos_token + '\\n' }}"
          + "{%- elif message['role'] == 'system' %}{{- '<|system|>\\n' + message['content'] + eos_token + '\\n' }}"
          + "{%- elif message['role'] == 'assistant' %}"
          + "{{- '<|assistant|>\\n' + message['content'] + eos_token + '\\n' }}"
          + "{%- endif %}"
          + "{%- endfor %}"
          + "{%- if add_generation_prompt %}{{- '<|assistant|>\\n' }}{%- endif %}",
      List.of(),
      "<s>",
      "</s>",
      true);

  private final String template;
  private final List<String> controlTokens;
  private final String bosToken;
  private final String eosToken;
  private final boolean addBos;

  ChatFormat(
      String template,
      List<String> controlTokens,
      String bosToken,
      String eosToken,
      boolean addBos) {
    this.template = template;
    this.controlTokens = controlTokens;
    this.bosToken = bosToken;
    this.eosToken = eosToken;
    this.addBos = addBos;
  }

  /** The Jinja chat template stored as tokenizer.chat_template. */
  String template() {
    return template;
  }

  /** Control tokens added to the vocabulary after the byte tokens. */
  List<String> controlTokens() {
    return controlTokens;
  }

  /** The text of the begin-of-sequence token. */
  String bosToken() {
    return bosToken;
  }

  /** The text of the end-of-sequence token. */
  String eosToken() {
    return eosToken;
  }

  /** Whether the tokenizer adds the begin-of-sequence token to every prompt. */
  boolean addBos() {
    return addBos;
  }
}
