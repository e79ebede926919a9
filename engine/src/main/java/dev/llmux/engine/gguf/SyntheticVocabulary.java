package dev.llmux.engine.gguf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The byte-level SentencePiece vocabulary of a synthetic model: {@code <unk>}, {@code <s>},
 * {@code </s>}, the 256 byte tokens {@code <0x00>..<0xFF>}, the chat format's control tokens, then
 * pseudo-words up to the real model's vocabulary size.
 *
 * <p>The pseudo-words ({@code ▁ba}, {@code ▁beko}, ...) are normal tokens built from consonant-vowel
 * syllables by the index, so each is unique and random generation prints visible noise words.
 * Any UTF-8 text tokenizes through the byte tokens.
 */
final class SyntheticVocabulary {

  /** llama.cpp's token types. */
  static final int NORMAL = 1;

  static final int UNKNOWN = 2;
  static final int CONTROL = 3;
  static final int BYTE = 6;

  private static final String CONSONANTS = "bdfghjklmnprstvz";
  private static final String VOWELS = "aeiou";
  private static final int SYLLABLES = CONSONANTS.length() * VOWELS.length();

  private final List<String> tokens;
  private final float[] scores;
  private final int[] types;

  private SyntheticVocabulary(List<String> tokens, float[] scores, int[] types) {
    this.tokens = tokens;
    this.scores = scores;
    this.types = types;
  }

  /** Builds the vocabulary of {@code size} tokens with {@code format}'s control tokens. */
  static SyntheticVocabulary build(int size, ChatFormat format) {
    List<String> tokens = new ArrayList<>(size);
    List<Integer> types = new ArrayList<>(size);
    tokens.add("<unk>");
    types.add(UNKNOWN);
    tokens.add("<s>");
    types.add(CONTROL);
    tokens.add("</s>");
    types.add(CONTROL);
    for (int b = 0; b < 256; b++) {
      tokens.add(String.format(Locale.ROOT, "<0x%02X>", b));
      types.add(BYTE);
    }
    for (String control : format.controlTokens()) {
      tokens.add(control);
      types.add(CONTROL);
    }
    if (tokens.size() > size) {
      throw new IllegalArgumentException("vocabulary size " + size + " is below " + tokens.size());
    }
    int firstWord = tokens.size();
    for (int i = 0; tokens.size() < size; i++) {
      tokens.add("\u2581" + word(i));
      types.add(NORMAL);
    }
    float[] scores = new float[size];
    int[] typeArray = new int[size];
    for (int i = 0; i < size; i++) {
      typeArray[i] = types.get(i);
      scores[i] = i >= firstWord ? -(i - firstWord) - 1f : 0f;
    }
    return new SyntheticVocabulary(List.copyOf(tokens), scores, typeArray);
  }

  /** The pseudo-word for {@code index}: its bijective base-80 digits as syllables. */
  static String word(int index) {
    StringBuilder word = new StringBuilder();
    long n = index + 1L;
    while (n > 0) {
      n--;
      int syllable = (int) (n % SYLLABLES);
      word.append(CONSONANTS.charAt(syllable / VOWELS.length()));
      word.append(VOWELS.charAt(syllable % VOWELS.length()));
      n /= SYLLABLES;
    }
    return word.toString();
  }

  /** The tokens, by id. */
  List<String> tokens() {
    return tokens;
  }

  /** The SentencePiece scores, by id. */
  float[] scores() {
    return scores;
  }

  /** The llama.cpp token types, by id. */
  int[] types() {
    return types;
  }

  /** The id of the token {@code text}. */
  int id(String text) {
    int id = tokens.indexOf(text);
    if (id < 0) {
      throw new IllegalArgumentException("no token " + text);
    }
    return id;
  }
}
