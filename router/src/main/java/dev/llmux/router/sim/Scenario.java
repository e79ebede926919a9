package dev.llmux.router.sim;

import dev.llmux.engine.Price;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouteContext.Difficulty;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the simulator simulates: a fleet of backends, each described by a {@link Profile}, the
 * {@link Workload} of tasks they serve, and the reward that scores them. Presets are scenarios
 * shipped with llmux (see {@link Scenarios}); a profiles file ({@code --profiles}) is a scenario in
 * JSON, so users can model their own fleet. Immutable.
 *
 * @param name short name ("toy", "qwen-coder")
 * @param description one paragraph on what it models
 * @param sources the public figures it is calibrated from
 * @param reward the reward it is scored with
 * @param workload the tasks
 * @param backends the backends, cheapest first
 */
public record Scenario(
    String name, String description, List<Source> sources, Reward reward, Workload workload, List<Profile> backends) {

  /** Copies the lists. */
  public Scenario {
    sources = List.copyOf(sources);
    backends = List.copyOf(backends);
  }

  /** The backends' names, in order. */
  public List<String> backendNames() {
    return backends.stream().map(Profile::name).toList();
  }

  /** This scenario scored with another reward. */
  public Scenario withReward(Reward other) {
    return new Scenario(name, description, sources, other, workload, backends);
  }

  /** This scenario with the backend of the same name replaced by {@code profile}. */
  public Scenario withBackend(Profile profile) {
    List<Profile> replaced = backends.stream().map(p -> p.name().equals(profile.name()) ? profile : p).toList();
    return new Scenario(name, description, sources, reward, workload, replaced);
  }

  /** This scenario with another workload. */
  public Scenario withWorkload(Workload other) {
    return new Scenario(name, description, sources, reward, other, backends);
  }

  /**
   * Where a figure comes from.
   *
   * @param url the public page or file
   * @param figure which figure, as published
   * @param estimate true when the number used is an estimate derived from the figure, not the
   *     figure itself
   */
  public record Source(String url, String figure, boolean estimate) {}

  /**
   * A value per known difficulty.
   *
   * @param easy for easy tasks
   * @param medium for medium tasks
   * @param hard for hard tasks
   */
  public record ByDifficulty(double easy, double medium, double hard) {

    /** The value for {@code d}; for {@code UNKNOWN}, the mean weighted by {@code shares}. */
    public double get(Difficulty d, ByDifficulty shares) {
      return switch (d) {
        case EASY -> easy;
        case MEDIUM -> medium;
        case HARD -> hard;
        case UNKNOWN -> (shares.easy * easy + shares.medium * medium + shares.hard * hard)
            / (shares.easy + shares.medium + shares.hard);
      };
    }

    /** The value for a known difficulty. */
    public double get(Difficulty d) {
      return switch (d) {
        case EASY -> easy;
        case MEDIUM -> medium;
        case HARD -> hard;
        case UNKNOWN -> throw new IllegalArgumentException("no value for UNKNOWN without shares");
      };
    }
  }

  /**
   * A log-normal quantity: {@code median * exp(sigma * Z)} with Z standard normal.
   *
   * @param median its median
   * @param sigma the standard deviation of its logarithm
   */
  public record LogNormal(double median, double sigma) {

    /** Its mean, {@code median * exp(sigma^2 / 2)}. */
    public double mean() {
      return median * Math.exp(sigma * sigma / 2);
    }

    /** A value for the standard normal draw {@code z}. */
    public double at(double z) {
      return median * Math.exp(sigma * z);
    }
  }

  /**
   * A period of simulated time, in seconds from the start of a run.
   *
   * @param start when it begins
   * @param end when it ends (after start)
   * @param factor how much slower the backend is meanwhile (1 or more; 1 for outages)
   */
  public record Window(double start, double end, double factor) {

    /** Whether {@code t} falls inside. */
    public boolean contains(double t) {
      return t >= start && t < end;
    }
  }

  /**
   * Periods that come and go at random: gaps and durations drawn from exponential distributions.
   *
   * @param meanGapSeconds mean time between the end of one period and the start of the next
   * @param meanDurationSeconds mean length of a period
   * @param factor slowdown during a period (1 for outages)
   */
  public record RandomWindows(double meanGapSeconds, double meanDurationSeconds, double factor) {

    /** No random periods. */
    public static final RandomWindows NONE = new RandomWindows(0, 0, 1);

    /** Whether periods happen at all. */
    public boolean enabled() {
      return meanGapSeconds > 0 && meanDurationSeconds > 0;
    }

    /** The next period after {@code after}, drawn from {@code random}. */
    Window next(double after, SplittableRandom random) {
      double start = after + exponential(meanGapSeconds, random);
      return new Window(start, start + exponential(meanDurationSeconds, random), factor);
    }

    private static double exponential(double mean, SplittableRandom random) {
      return -mean * Math.log(1 - random.nextDouble());
    }
  }

  /**
   * The tasks and how episodes run.
   *
   * @param mix share of easy, medium and hard tasks (sums to 1)
   * @param difficultyVisible probability that the router is told a task's difficulty; otherwise it
   *     sees the difficulty estimated from a real prompt of that difficulty ({@link Visibility#SCENARIO}),
   *     {@code UNKNOWN} when the estimate is unsure
   * @param difficultyLogits difficulty of each class on a logistic scale, used to spread an
   *     aggregate pass rate over difficulties (see {@link Calibration})
   * @param maxAttempts attempts before an episode ends unsolved
   * @param promptTokens prompt size of a first attempt
   * @param promptGrowthPerAttempt tokens each further attempt adds (last answer, test output)
   * @param answerTokens tokens in one answer, for backends that do not set their own
   * @param partialShare share of failed attempts that pass some tests
   * @param partialBoost factor on the retry pass rate after a partial pass
   * @param arrivalGapSeconds mean time between episode arrivals (exponential gaps); episodes that
   *     overlap load the backends at once
   * @param breakerFailures consecutive failures after which a backend's circuit opens
   * @param breakerCooldownSeconds how long an open circuit keeps the backend unavailable
   */
  public record Workload(
      ByDifficulty mix,
      double difficultyVisible,
      ByDifficulty difficultyLogits,
      int maxAttempts,
      LogNormal promptTokens,
      int promptGrowthPerAttempt,
      LogNormal answerTokens,
      double partialShare,
      double partialBoost,
      double arrivalGapSeconds,
      int breakerFailures,
      double breakerCooldownSeconds) {}

  /**
   * The published figures a profile's pass rates were derived from.
   *
   * @param firstTry share of tasks solved at the first try
   * @param afterFeedback share solved within two tries, the second after seeing the failing tests
   */
  public record Published(double firstTry, double afterFeedback) {

    /** No published figures: the pass rates were given directly. */
    public static final Published NONE = new Published(Double.NaN, Double.NaN);
  }

  /**
   * One backend as the simulator models it.
   *
   * @param name its name
   * @param note what it stands for (model, quantisation, hardware)
   * @param firstTry probability of passing at the first attempt, by difficulty
   * @param retry probability of passing at a later attempt, after failing tests, by difficulty
   * @param published the figures {@code firstTry} and {@code retry} were derived from, or {@link
   *     Published#NONE}
   * @param ttftSeconds fixed part of the time to first token (queueing, network, warm-up)
   * @param prefillTokensPerSecond prompt processing speed
   * @param decodeTokensPerSecond decode speed
   * @param speedSigma log-normal spread of time to first token and decode speed
   * @param answerTokens tokens in one of its answers (the workload's unless the profile says)
   * @param pricing price per token
   * @param failureRate probability that a call fails on its own (timeouts, errors)
   * @param failureSeconds time a failed call wastes
   * @param loadSlowdown extra slowdown per other request in flight on the backend at once
   * @param slowPeriods fixed slow periods
   * @param randomSlowPeriods slow periods at random
   * @param outages fixed outages
   * @param randomOutages outages at random
   * @param sources where the figures come from
   */
  public record Profile(
      String name,
      String note,
      ByDifficulty firstTry,
      ByDifficulty retry,
      Published published,
      double ttftSeconds,
      double prefillTokensPerSecond,
      double decodeTokensPerSecond,
      double speedSigma,
      LogNormal answerTokens,
      Price pricing,
      double failureRate,
      double failureSeconds,
      double loadSlowdown,
      List<Window> slowPeriods,
      RandomWindows randomSlowPeriods,
      List<Window> outages,
      RandomWindows randomOutages,
      List<Source> sources) {

    /** Copies the lists. */
    public Profile {
      slowPeriods = List.copyOf(slowPeriods);
      outages = List.copyOf(outages);
      sources = List.copyOf(sources);
    }

    /** This profile with other fixed slow periods. */
    public Profile withSlowPeriods(List<Window> periods) {
      return new Profile(name, note, firstTry, retry, published, ttftSeconds, prefillTokensPerSecond,
          decodeTokensPerSecond, speedSigma, answerTokens, pricing, failureRate, failureSeconds, loadSlowdown, periods,
          randomSlowPeriods, outages, randomOutages, sources);
    }

    /** This profile with other fixed outages. */
    public Profile withOutages(List<Window> periods) {
      return new Profile(name, note, firstTry, retry, published, ttftSeconds, prefillTokensPerSecond,
          decodeTokensPerSecond, speedSigma, answerTokens, pricing, failureRate, failureSeconds, loadSlowdown, slowPeriods,
          randomSlowPeriods, periods, randomOutages, sources);
    }
  }
}
