package dev.llmux.router.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A policy's learned state as plain named values: whole numbers, numbers, and tables of counts or
 * of numbers, in the order they were added. It is what a {@link Persistable} policy saves and
 * restores; {@link PolicyFiles} writes it as the {@code "state"} object of a policy file and reads
 * it back. Immutable; the tables are copied in and out.
 *
 * <p>Reading is checked: each accessor throws {@link IllegalArgumentException} naming the field
 * ({@code "state.q[3] must be a finite number"}) when the value is missing or does not fit.
 */
public final class PolicyState {

  /** The state of a policy that learns nothing. */
  public static final PolicyState EMPTY = builder().build();

  private final Map<String, Object> fields;

  private PolicyState(Map<String, Object> fields) {
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A builder of a state, for {@link Persistable#save()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the state holds no value. */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Whether the state holds a value called {@code key}. */
  public boolean has(String key) {
    return fields.containsKey(key);
  }

  /** The whole number {@code key}, or {@code fallback} when there is none; a fraction is cut off. */
  public long integer(String key, long fallback) {
    Object v = fields.get(key);
    return v instanceof Long l ? l : v instanceof Double d ? d.longValue() : fallback;
  }

  /** The number {@code key}. */
  public double number(String key) {
    Object v = fields.get(key);
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      return d;
    }
    throw new IllegalArgumentException("state." + key + " must be a number");
  }

  /** The table of counts {@code key}: {@code length} whole numbers, each 0 or more. */
  public long[] counts(String key, int length) {
    Object v = table(key, length);
    long[] out = new long[length];
    for (int i = 0; i < length; i++) {
      if (v instanceof long[] ls) {
        out[i] = ls[i];
      } else {
        double d = ((double[]) v)[i];
        out[i] = d == Math.rint(d) && Math.abs(d) < 0x1p63 ? (long) d : -1;
      }
      if (out[i] < 0) {
        throw new IllegalArgumentException("state." + key + "[" + i + "] must be a count, 0 or more");
      }
    }
    return out;
  }

  /** The table of numbers {@code key}: {@code length} finite numbers. */
  public double[] numbers(String key, int length) {
    Object v = table(key, length);
    double[] out = new double[length];
    for (int i = 0; i < length; i++) {
      out[i] = v instanceof long[] ls ? ls[i] : ((double[]) v)[i];
      if (!Double.isFinite(out[i])) {
        throw new IllegalArgumentException("state." + key + "[" + i + "] must be a finite number");
      }
    }
    return out;
  }

  /** Every value by name, in order: a {@code Long}, {@code Double}, {@code long[]} or {@code double[]}. */
  Map<String, Object> fields() {
    return fields;
  }

  private Object table(String key, int length) {
    Object v = fields.get(key);
    int size = v instanceof long[] ls ? ls.length : v instanceof double[] ds ? ds.length : -1;
    if (size != length) {
      throw new IllegalArgumentException("state." + key + " must be an array of " + length + " entries"
          + (size >= 0 ? ", it has " + size : ""));
    }
    return v;
  }

  /** Builds a {@link PolicyState}; each value goes in under a name not used before. */
  public static final class Builder {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a whole number. */
    public Builder integer(String key, long value) {
      return put(key, value);
    }

    /** Adds a number. */
    public Builder number(String key, double value) {
      return put(key, value);
    }

    /** Adds a table of counts (copied). */
    public Builder counts(String key, long[] values) {
      return put(key, values.clone());
    }

    /** Adds a table of numbers (copied). */
    public Builder numbers(String key, double[] values) {
      return put(key, values.clone());
    }

    /** The state. */
    public PolicyState build() {
      return new PolicyState(fields);
    }

    private Builder put(String key, Object value) {
      Objects.requireNonNull(key, "key");
      if (fields.putIfAbsent(key, value) != null) {
        throw new IllegalArgumentException("the state already holds a value called " + key);
      }
      return this;
    }
  }
}
