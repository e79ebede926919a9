package dev.llmux.engine.http;

import dev.llmux.LlmuxException;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.ConfigException;
import dev.llmux.engine.InvalidRequestException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks a configured provider step by step and says clearly what is wrong: the config, whether
 * the server is reachable, whether it accepts the key, whether it knows the model, one short
 * completion, and whether it streams. What {@code llmux providers test} runs.
 */
public final class ProviderCheck {

  /** How a check ended. */
  public enum Status {
    /** It worked. */
    PASS,
    /** It worked with a caveat, or could not be checked this way. */
    WARN,
    /** It failed; the detail says why and what to do. */
    FAIL,
    /** Not run, because an earlier check failed. */
    SKIP
  }

  /**
   * What went wrong, if anything, over all checks; the constants are in order of seriousness, and a
   * report keeps the most serious one seen.
   */
  public enum Verdict {
    /** Every check passed or only warned. */
    PASSED,
    /** The provider answered, but the completion or streaming failed. */
    FAILED,
    /** The config, the API key or the model is wrong. */
    MISCONFIGURED,
    /** The server could not be reached, or the provider does not take requests now. */
    UNAVAILABLE
  }

  /** Which model the completion checks use. */
  public enum ModelChoice {
    /** The spec's model. */
    GIVEN,
    /** The first model the server lists (the spec's model is a placeholder). */
    FIRST_LISTED
  }

  /**
   * One check's outcome.
   *
   * @param check the check's name: config, reachable, auth, model, completion, streaming
   * @param status how it ended
   * @param detail what was seen, or what is wrong and what to do
   */
  public record Result(String check, Status status, String detail) {}

  /**
   * All checks of one provider.
   *
   * @param backend the backend's name
   * @param preset the preset's config name
   * @param baseUrl the base URL checked (without credentials)
   * @param model the model checked
   * @param results the checks in order
   * @param verdict the most serious problem seen, or {@link Verdict#PASSED}
   */
  public record Report(String backend, String preset, String baseUrl, String model, List<Result> results,
      Verdict verdict) {

    /** Copies the list. */
    public Report {
      results = List.copyOf(results);
    }

    /** Whether every check passed or only warned. */
    public boolean ok() {
      return verdict == Verdict.PASSED;
    }
  }

  private static final String COMPLETION_PROMPT = "Reply with the single word OK.";
  private static final String STREAM_PROMPT = "Count from 1 to 10, separated by spaces.";

  private final List<Result> results = new ArrayList<>();
  private Verdict verdict = Verdict.PASSED;

  private ProviderCheck() {}

  /** Runs every check against the provider {@code spec} describes. Never throws for provider faults. */
  public static Report run(HttpBackendSpec spec, ModelChoice choice) {
    return new ProviderCheck().check(spec, choice);
  }

  private Report check(HttpBackendSpec spec, ModelChoice choice) {
    String base = HttpBackendSpec.safe(spec.baseUrl());
    HttpBackend backend;
    try {
      backend = HttpBackends.create(spec);
      add("config", Status.PASS, "preset " + spec.preset().configName() + ", " + base + ", "
          + (spec.apiKey().isPresent() ? "API key from " + keySource(spec) : "no API key"));
    } catch (ConfigException e) {
      add("config", Status.FAIL, e.getMessage());
      fail(Verdict.MISCONFIGURED);
      skip("reachable", "auth", "model", "completion", "streaming");
      return report(spec, spec.model());
    }

    String model = spec.model();
    HttpBackend.ModelListing listing;
    try {
      listing = backend.listModels();
    } catch (AttemptFailure f) {
      add("reachable", Status.FAIL, f.detail() + ": is the server running? Check the base URL ("
          + base + ") and the network");
      fail(Verdict.UNAVAILABLE);
      skip("auth", "model", "completion", "streaming");
      return report(spec, model);
    }
    String modelsUrl = base + spec.preset().wireFormat().modelsPath();
    add("reachable", Status.PASS, "HTTP " + listing.status() + " from " + modelsUrl + " in " + ms(listing.millis()));

    int status = listing.status();
    String why = listing.error() == null || listing.error().describe().isEmpty() ? "" : ": " + listing.error().describe();
    if (status / 100 == 2) {
      add("auth", Status.PASS, spec.apiKey().isPresent() ? "the key from " + keySource(spec) + " was accepted"
          : "the server needs no key");
    } else if (status == 401 || status == 403) {
      add("auth", Status.FAIL, "the server rejected the " + (spec.apiKey().isPresent() ? "key from " + keySource(spec)
          : "request without a key") + " (HTTP " + status + why + "): " + (spec.apiKey().isPresent()
          ? "check the key's value and its permissions" : "give a key with --api-key-env or in the config"));
      fail(Verdict.MISCONFIGURED);
      skip("model", "completion", "streaming");
      return report(spec, model);
    } else {
      add("auth", Status.WARN, "could not check with " + modelsUrl + " (HTTP " + status + why
          + "); the completion below checks it");
    }

    if (choice == ModelChoice.FIRST_LISTED) {
      if (listing.models().isEmpty()) {
        add("model", Status.FAIL, "no model given and the server lists none: give one with --model");
        fail(Verdict.MISCONFIGURED);
        skip("completion", "streaming");
        return report(spec, model);
      }
      model = listing.models().get(0);
      add("model", Status.PASS, "no model given; using '" + model + "', the first of " + listing.models().size()
          + " the server lists");
      backend = HttpBackends.create(new HttpBackendSpec(spec.name(), spec.preset(), spec.baseUrl(), model, spec.apiKey(),
          spec.timeouts(), spec.retry(), spec.circuit(), spec.headers(), spec.price(), spec.strictJsonSchema()));
    } else if (listing.models().isEmpty()) {
      add("model", Status.WARN, "the server lists no models; the completion below checks '" + model + "'");
    } else if (listing.models().contains(model)) {
      add("model", Status.PASS, "'" + model + "' is among the " + listing.models().size() + " models the server lists");
    } else {
      add("model", Status.WARN, "'" + model + "' is not among the " + listing.models().size() + " models the server lists"
          + " (" + preview(listing.models()) + "); some servers serve unlisted names");
    }

    ChatRequest completion = ChatRequest.builder().user(COMPLETION_PROMPT).maxTokens(16).temperature(0)
        .timeout(spec.timeouts().total().compareTo(Duration.ofSeconds(60)) < 0 ? spec.timeouts().total() : Duration.ofSeconds(60))
        .build();
    try {
      ChatResponse r = backend.chat(completion);
      String text = r.text().strip();
      add("completion", text.isEmpty() ? Status.WARN : Status.PASS, (text.isEmpty() ? "answered with no text" : "answered \""
          + clip(text) + "\"") + " in " + ms(r.timings().totalMillis()) + " (" + r.usage().promptTokens() + " prompt + "
          + r.usage().completionTokens() + " completion tokens, stop: " + r.stopReason().name().toLowerCase(Locale.ROOT) + ")");
    } catch (LlmuxException e) {
      add("completion", Status.FAIL, e.getMessage());
      fail(verdictFor(e));
      skip("streaming");
      return report(spec, model);
    }

    AtomicInteger pieces = new AtomicInteger();
    try {
      ChatResponse r = backend.chat(completion.toBuilder().messages(List.of()).user(STREAM_PROMPT).maxTokens(48).build(),
          piece -> pieces.incrementAndGet());
      if (pieces.get() > 1) {
        add("streaming", Status.PASS, pieces.get() + " pieces, the first after " + ms(r.timings().timeToFirstTokenMillis())
            + (r.timings().decodeTokensPerSecond() > 0
                ? String.format(Locale.ROOT, ", %.1f tokens/s", r.timings().decodeTokensPerSecond()) : ""));
      } else {
        add("streaming", Status.WARN, "the answer came in " + pieces.get() + " piece" + (pieces.get() == 1 ? "" : "s")
            + ": the server does not seem to stream (answers still work, without early tokens)");
      }
    } catch (LlmuxException e) {
      add("streaming", Status.FAIL, e.getMessage());
      fail(verdictFor(e));
    }
    return report(spec, model);
  }

  private static Verdict verdictFor(LlmuxException e) {
    if (e instanceof InvalidRequestException || e instanceof ConfigException) {
      return Verdict.MISCONFIGURED;
    }
    if (e instanceof BackendUnavailableException || e instanceof ProviderUnreachableException) {
      return Verdict.UNAVAILABLE;
    }
    if (e instanceof HttpBackendException h) {
      return switch (h.kind()) {
        case AUTH, NOT_FOUND, BAD_REQUEST -> Verdict.MISCONFIGURED;
        default -> Verdict.FAILED;
      };
    }
    return Verdict.FAILED;
  }

  private static String keySource(HttpBackendSpec spec) {
    return spec.apiKey().variable().isEmpty() ? "the config" : spec.apiKey().variable();
  }

  private void add(String check, Status status, String detail) {
    results.add(new Result(check, status, detail));
  }

  private void skip(String... checks) {
    for (String c : checks) {
      add(c, Status.SKIP, "not run: an earlier check failed");
    }
  }

  /** Keeps the most serious verdict: unavailable, then misconfigured, then failed. */
  private void fail(Verdict v) {
    if (v.compareTo(verdict) > 0) {
      verdict = v;
    }
  }

  private Report report(HttpBackendSpec spec, String model) {
    return new Report(spec.name(), spec.preset().configName(), HttpBackendSpec.safe(spec.baseUrl()), model, results, verdict);
  }

  private static String ms(double millis) {
    return CircuitBreaker.formatMillis(Math.round(millis));
  }

  private static String clip(String s) {
    String t = s.replaceAll("\\s+", " ");
    return t.length() <= 60 ? t : t.substring(0, 60) + "...";
  }

  private static String preview(List<String> models) {
    List<String> first = models.subList(0, Math.min(5, models.size()));
    return String.join(", ", first) + (models.size() > 5 ? ", ..." : "");
  }
}
