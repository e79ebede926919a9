package dev.llmux.agent;

import dev.llmux.agent.tools.InvalidCall;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, per backend, the answers that were and were not valid tool calls. Thread-safe. The
 * router sees invalid answers as failed outcomes through its feedback; this class keeps the rates
 * for reports and for router features.
 */
public final class InvalidCallStats {

  /**
   * One backend's figures.
   *
   * @param backend the backend's name
   * @param calls answers received
   * @param invalid answers that were not a valid call
   * @param byKind invalid answers by kind
   */
  public record Rate(String backend, long calls, long invalid, Map<InvalidCall.Kind, Long> byKind) {

    /** Copies the map. */
    public Rate {
      byKind = Map.copyOf(byKind);
    }

    /** Invalid answers over answers, 0 before the first. */
    public double rate() {
      return calls == 0 ? 0 : (double) invalid / calls;
    }
  }

  private final Map<String, long[]> counts = new TreeMap<>();
  private final Map<String, EnumMap<InvalidCall.Kind, Long>> kinds = new TreeMap<>();

  /** Creates empty statistics. */
  public InvalidCallStats() {}

  /** Records a valid answer from {@code backend}. */
  public synchronized void valid(String backend) {
    counts.computeIfAbsent(backend, b -> new long[2])[0]++;
  }

  /** Records an invalid answer from {@code backend}. */
  public synchronized void invalid(String backend, InvalidCall.Kind kind) {
    long[] c = counts.computeIfAbsent(backend, b -> new long[2]);
    c[0]++;
    c[1]++;
    kinds.computeIfAbsent(backend, b -> new EnumMap<>(InvalidCall.Kind.class)).merge(kind, 1L, Long::sum);
  }

  /** The rate of one backend. */
  public synchronized Rate rate(String backend) {
    long[] c = counts.getOrDefault(backend, new long[2]);
    return new Rate(backend, c[0], c[1], kinds.getOrDefault(backend, new EnumMap<>(InvalidCall.Kind.class)));
  }

  /** Every backend's rate, by name. */
  public synchronized List<Rate> rates() {
    List<Rate> out = new ArrayList<>();
    for (String b : counts.keySet()) {
      out.add(rate(b));
    }
    return out;
  }
}
