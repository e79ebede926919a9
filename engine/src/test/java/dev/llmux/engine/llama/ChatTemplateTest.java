package dev.llmux.engine.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.ConfigException;
import dev.llmux.engine.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ChatTemplateTest {

  private static final List<Message> CONVERSATION =
      List.of(Message.system("Be brief."), Message.user("Hi"), Message.assistant("Hello."), Message.user("Bye"));

  @Test
  void render_trailingAssistantMessage_isLeftOpenForContinuation() {
    List<Message> partial = List.of(Message.user("Count"), Message.assistant("one, two,"));
    assertEquals("<|im_start|>user\nCount<|im_end|>\n<|im_start|>assistant\none, two,", ChatTemplate.CHATML.render(partial));
    assertEquals("<|start_header_id|>user<|end_header_id|>\n\nCount<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\none, two,",
        ChatTemplate.LLAMA3.render(partial));
    assertEquals("[INST] Count [/INST] one, two,", ChatTemplate.LLAMA2.render(partial));
  }

  @Test
  void resolve_unknownOrMissingTemplate_isChatMLWithAWarningNamingTheModelAndHowToChoose() {
    ChatTemplate.Resolved unknown = ChatTemplate.resolve("my-model", "{{ '### Human: ' + content }}", null);
    assertEquals(ChatTemplate.CHATML, unknown.template());
    assertTrue(unknown.warning().contains("'my-model'") && unknown.warning().contains("using ChatML"), unknown.warning());
    assertTrue(unknown.warning().contains("chatTemplate") && unknown.warning().contains("--chat-template"), unknown.warning());
    ChatTemplate.Resolved none = ChatTemplate.resolve("bare", null, null);
    assertEquals(ChatTemplate.CHATML, none.template());
    assertTrue(none.warning().contains("has no chat template"), none.warning());
  }

  @Test
  void resolve_knownOrChosenTemplate_hasNoWarning() {
    assertNull(ChatTemplate.resolve("m", "<|im_start|>", null).warning());
    ChatTemplate.Resolved chosen = ChatTemplate.resolve("m", "{{ '### Human: ' + content }}", ChatTemplate.LLAMA3);
    assertEquals(ChatTemplate.LLAMA3, chosen.template());
    assertNull(chosen.warning());
  }

  @Test
  void byName_configNames_andAnUnknownNameListsThem() {
    for (ChatTemplate t : ChatTemplate.values()) {
      assertEquals(t, ChatTemplate.byName(t.configName().toUpperCase(java.util.Locale.ROOT)));
    }
    ConfigException e = assertThrows(ConfigException.class, () -> ChatTemplate.byName("vicuna"));
    assertTrue(e.getMessage().contains("'vicuna'") && e.getMessage().contains("chatml, llama3, zephyr"), e.getMessage());
  }

  @Test
  void detect_knownTemplateSources_findTheirFamily() {
    assertEquals(ChatTemplate.CHATML, ChatTemplate.detect("{% for m in messages %}<|im_start|>{{m.role}}"));
    assertEquals(ChatTemplate.LLAMA3, ChatTemplate.detect("<|start_header_id|>' + message['role'] + '<|end_header_id|>"));
    assertEquals(ChatTemplate.ZEPHYR, ChatTemplate.detect("{% if message['role'] == 'user' %}{{ '<|user|>\\n' + message['content'] + eos_token }}"));
    assertEquals(ChatTemplate.PHI3, ChatTemplate.detect("{{'<|user|>' + '\\n' + message['content'] + '<|end|>'}}"));
    assertEquals(ChatTemplate.GEMMA, ChatTemplate.detect("<start_of_turn>user"));
    assertEquals(ChatTemplate.LLAMA2, ChatTemplate.detect("{{ '[INST] ' + content + ' [/INST]' }}"));
  }

  @Test
  void detect_nullOrUnknown_fallsBackToChatml() {
    assertEquals(ChatTemplate.CHATML, ChatTemplate.detect(null));
    assertEquals(ChatTemplate.CHATML, ChatTemplate.detect("{{ something custom }}"));
  }

  @Test
  void render_chatml_matchesQwenLayout() {
    assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
        + "<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n",
        ChatTemplate.CHATML.render(CONVERSATION));
  }

  @Test
  void render_llama3_matchesMetaLayout() {
    assertEquals("<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
        ChatTemplate.LLAMA3.render(List.of(Message.user("Hi"))));
  }

  @Test
  void render_zephyr_matchesTinyLlamaLayout() {
    assertEquals("<|system|>\nBe brief.</s>\n<|user|>\nHi</s>\n<|assistant|>\n",
        ChatTemplate.ZEPHYR.render(List.of(Message.system("Be brief."), Message.user("Hi"))));
  }

  @Test
  void render_gemma_foldsSystemIntoFirstUserTurn() {
    assertEquals("<start_of_turn>user\nBe brief.\n\nHi<end_of_turn>\n<start_of_turn>model\n",
        ChatTemplate.GEMMA.render(List.of(Message.system("Be brief."), Message.user("Hi"))));
  }

  @Test
  void render_llama2_wrapsSystemInSysTags() {
    assertEquals("[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello.</s>[INST] Bye [/INST]",
        ChatTemplate.LLAMA2.render(CONVERSATION));
  }
}
