package dev.llmux.engine.testing;

import dev.llmux.engine.gguf.GgmlType;
import dev.llmux.engine.gguf.GgufFile;
import dev.llmux.engine.gguf.GgufValueType;
import dev.llmux.engine.gguf.GgufWriter;
import dev.llmux.engine.testing.RawGguf.Arr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * The smallest model {@link GgufFile#read} accepts: a one-layer llama with a 264-token vocabulary,
 * as a {@link RawGguf} (to break field by field) or a {@link GgufWriter} (to round-trip).
 */
public final class TinyGguf {

  public static final int EMBD = 32;
  public static final int HEADS = 4;
  public static final int KV_HEADS = 2;
  public static final int HEAD_DIM = EMBD / HEADS;
  public static final int FFN = 64;
  public static final int CONTEXT = 256;
  /** {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte tokens, five words: 264 tokens. */
  public static final List<String> TOKENS = tokens();
  /** The SentencePiece scores of {@link #TOKENS}. */
  public static final List<Float> SCORES = scores();
  /** The llama.cpp token types of {@link #TOKENS}: unknown, control, byte or normal. */
  public static final List<Integer> TYPES = types();
  public static final String TEMPLATE = "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n"
      + "{% endfor %}";

  private TinyGguf() {}

  private static List<String> tokens() {
    List<String> t = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    for (int b = 0; b < 256; b++) {
      t.add(String.format(Locale.ROOT, "<0x%02X>", b));
    }
    t.addAll(List.of("\u2581a", "\u2581b", "\u2581c", "\u2581ab", "\u2581ba"));
    return List.copyOf(t);
  }

  private static List<Float> scores() {
    List<Float> s = new ArrayList<>();
    for (int i = 0; i < TOKENS.size(); i++) {
      s.add(i < 259 ? 0f : 258f - i);
    }
    return List.copyOf(s);
  }

  private static List<Integer> types() {
    List<Integer> t = new ArrayList<>();
    for (int i = 0; i < TOKENS.size(); i++) {
      t.add(i == 0 ? 2 : i < 3 ? 3 : i < 259 ? 6 : 1);
    }
    return List.copyOf(t);
  }

  /** The tensors of the model in file order: name and dimensions (innermost first). */
  public static List<Object[]> tensorShapes() {
    int kvDim = KV_HEADS * HEAD_DIM;
    return List.of(
        new Object[] {"token_embd.weight", new long[] {EMBD, TOKENS.size()}},
        new Object[] {"output_norm.weight", new long[] {EMBD}},
        new Object[] {"blk.0.attn_norm.weight", new long[] {EMBD}},
        new Object[] {"blk.0.attn_q.weight", new long[] {EMBD, EMBD}},
        new Object[] {"blk.0.attn_k.weight", new long[] {EMBD, kvDim}},
        new Object[] {"blk.0.attn_v.weight", new long[] {EMBD, kvDim}},
        new Object[] {"blk.0.attn_output.weight", new long[] {EMBD, EMBD}},
        new Object[] {"blk.0.ffn_norm.weight", new long[] {EMBD}},
        new Object[] {"blk.0.ffn_gate.weight", new long[] {EMBD, FFN}},
        new Object[] {"blk.0.ffn_up.weight", new long[] {EMBD, FFN}},
        new Object[] {"blk.0.ffn_down.weight", new long[] {FFN, EMBD}});
  }

  /** The valid model spelled out field by field: matrices Q8_0, vectors F32, general.alignment 32. */
  public static RawGguf raw() {
    RawGguf m = new RawGguf();
    m.put("general.architecture", GgufValueType.STRING, "llama");
    m.put("general.name", GgufValueType.STRING, "tiny test model");
    m.put("general.alignment", GgufValueType.UINT32, 32);
    m.put("llama.context_length", GgufValueType.UINT32, CONTEXT);
    m.put("llama.embedding_length", GgufValueType.UINT32, EMBD);
    m.put("llama.block_count", GgufValueType.UINT32, 1);
    m.put("llama.feed_forward_length", GgufValueType.UINT32, FFN);
    m.put("llama.attention.head_count", GgufValueType.UINT32, HEADS);
    m.put("llama.attention.head_count_kv", GgufValueType.UINT32, KV_HEADS);
    m.put("llama.attention.layer_norm_rms_epsilon", GgufValueType.FLOAT32, 1e-5f);
    m.put("tokenizer.ggml.model", GgufValueType.STRING, "llama");
    m.put("tokenizer.ggml.tokens", GgufValueType.ARRAY, new Arr(GgufValueType.STRING, TOKENS));
    m.put("tokenizer.ggml.scores", GgufValueType.ARRAY, new Arr(GgufValueType.FLOAT32, SCORES));
    m.put("tokenizer.ggml.token_type", GgufValueType.ARRAY, new Arr(GgufValueType.INT32, TYPES));
    m.put("tokenizer.ggml.bos_token_id", GgufValueType.UINT32, 1);
    m.put("tokenizer.ggml.eos_token_id", GgufValueType.UINT32, 2);
    m.put("tokenizer.ggml.add_bos_token", GgufValueType.BOOL, true);
    m.put("tokenizer.chat_template", GgufValueType.STRING, TEMPLATE);
    for (Object[] t : tensorShapes()) {
      long[] dims = (long[]) t[1];
      m.tensor((String) t[0], dims.length == 1 ? GgmlType.F32 : GgmlType.Q8_0, dims);
    }
    return m;
  }

  /**
   * The valid model through {@link GgufWriter}: matrices of {@code type}, vectors F32, each
   * tensor's values from {@code values} (name, element count).
   */
  public static GgufWriter writer(GgmlType type, BiFunction<String, Integer, float[]> values) {
    GgufWriter w = new GgufWriter();
    w.putString("general.architecture", "llama");
    w.putString("general.name", "tiny test model");
    w.putUint32("llama.context_length", CONTEXT);
    w.putUint32("llama.embedding_length", EMBD);
    w.putUint32("llama.block_count", 1);
    w.putUint32("llama.feed_forward_length", FFN);
    w.putUint32("llama.attention.head_count", HEADS);
    w.putUint32("llama.attention.head_count_kv", KV_HEADS);
    w.putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    w.putString("tokenizer.ggml.model", "llama");
    w.putStringArray("tokenizer.ggml.tokens", TOKENS);
    float[] scores = new float[SCORES.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = SCORES.get(i);
    }
    w.putFloat32Array("tokenizer.ggml.scores", scores);
    w.putInt32Array("tokenizer.ggml.token_type", TYPES.stream().mapToInt(Integer::intValue).toArray());
    w.putUint32("tokenizer.ggml.bos_token_id", 1);
    w.putUint32("tokenizer.ggml.eos_token_id", 2);
    w.putBool("tokenizer.ggml.add_bos_token", true);
    w.putString("tokenizer.chat_template", TEMPLATE);
    for (Object[] t : tensorShapes()) {
      String name = (String) t[0];
      long[] dims = (long[]) t[1];
      GgmlType tt = dims.length == 1 ? GgmlType.F32 : type;
      int n = (int) (dims.length == 1 ? dims[0] : dims[0] * dims[1]);
      w.addTensor(name, tt, dims, GgufWriter.floats(tt, values.apply(name, n)));
    }
    return w;
  }
}
