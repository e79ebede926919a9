package dev.llmux.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.BackendException;
import dev.llmux.engine.BackendStats;
import dev.llmux.engine.BackendUnavailableException;
import dev.llmux.engine.ChatRequest;
import dev.llmux.engine.ChatResponse;
import dev.llmux.engine.InvalidRequestException;
import dev.llmux.engine.Message;
import dev.llmux.engine.Price;
import dev.llmux.engine.Role;
import dev.llmux.engine.StopReason;
import dev.llmux.router.policy.PolicyFileException;
import dev.llmux.router.policy.PolicyFiles;
import dev.llmux.router.policy.Reward;
import dev.llmux.router.policy.RouteContext.Difficulty;
import dev.llmux.router.policy.RouteContext;
import dev.llmux.router.policy.RouteDecision;
import dev.llmux.router.policy.rl.TabularQPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class RoutedBackendTest {

  @TempDir Path dir;

  private final FakeBackend local = new FakeBackend("local", "def add(a, b): return a + b");
  private final FakeBackend cloud = new FakeBackend("cloud", "def add(a, b):\n    return a + b\n");
  private final ChatRequest request = ChatRequest.builder().user("write add").build();

  private RoutedBackend routed(String policy) {
    return RoutedBackend.builder().backend(local).backend(cloud, Price.perMillionTokens(3, 15)).policy(policy).build();
  }

  @Test
  void chat_routesToTheChosenBackendAndFeedsTheMeasuredOutcomeBack() {
    RoutedBackend r = routed("baseline.Always(cloud)");
    List<String> pieces = new ArrayList<>();
    ChatResponse response = r.chat(request, pieces::add);
    assertEquals("cloud", response.backend());
    assertEquals(cloud.calls.get(), 1);
    assertEquals(0, local.calls.get());
    assertEquals(response.text(), String.join("", pieces));
    assertEquals(1, r.router().feedbacks());
    assertEquals(0, r.router().backendFailures());
    assertEquals(1, r.stats().completed());
  }

  @Test
  void route_reportsTheCostFromTheBackendsPrices() {
    RoutedBackend r = routed("baseline.Always(cloud)");
    RoutedBackend.Routed routed = r.route(request, RouteContext.first(Difficulty.HARD), piece -> {});
    int tokens = routed.response().usage().completionTokens();
    assertEquals((1000 * 3 + tokens * 15) / 1e6, routed.cost(), 1e-15);
    assertEquals(0, r.router().feedbacks(), "the caller reports the outcome of route()");
    r.router().feedback(routed.decision(), routed.outcome(1, true, null));
    assertEquals(1, r.router().feedbacks());
  }

  @Test
  void chat_failingBackend_fallsBackAndIsNotLearnedAsBad() {
    local.failure = new BackendUnavailableException("local", "connection refused", null);
    RoutedBackend r = routed("rl.TabularQ");
    ChatResponse response = r.chat(request);
    assertEquals("cloud", response.backend());
    assertEquals(1, local.calls.get());
    assertEquals(2, r.router().feedbacks());
    assertEquals(1, r.router().backendFailures());
    TabularQPolicy q = (TabularQPolicy) r.router().policy();
    assertEquals(1, q.updates(), "only the answer was learned from");
    assertEquals(1, q.ignored(), "the outage was not");
  }

  @Test
  void chat_unavailableBackend_isNeverCalled() {
    local.availability = BackendStats.Availability.UNAVAILABLE;
    RoutedBackend r = routed("baseline.Always(local)");
    for (int i = 0; i < 5; i++) {
      assertEquals("cloud", r.chat(request).backend());
    }
    assertEquals(0, local.calls.get());
  }

  @Test
  void chat_everyBackendFails_throwsUnavailableListingEachFailure() {
    local.failure = new BackendException("local", "model file missing", false, null);
    cloud.failure = new BackendUnavailableException("cloud", "HTTP 503", null);
    RoutedBackend r = routed("rl.TabularQ");
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class, () -> r.chat(request));
    assertTrue(e.getMessage().contains("model file missing") && e.getMessage().contains("HTTP 503"), e.getMessage());
    assertEquals(2, r.router().backendFailures());
    assertEquals(1, r.stats().completed());
    assertEquals(1.0, r.stats().errorRate() / 0.2, 1e-9, "one failed request in the routed backend's own figures");
  }

  @Test
  void chat_failureAfterStreaming_isContinuedByTheNextBackend() {
    local.failure = new BackendException("local", "worker died", true, null);
    local.streamBeforeFailure = "def add(a, b):";
    RoutedBackend r = routed("baseline.Cascade(local,cloud)");
    List<String> pieces = new ArrayList<>();
    ChatResponse response = r.chat(request, pieces::add);
    assertEquals(List.of("local", "cloud"), response.servedBy());
    assertEquals("cloud", response.backend());
    assertTrue(response.text().startsWith("def add(a, b):def add"), response.text());
    assertEquals(response.text(), String.join("", pieces));
    ChatRequest continued = cloud.requests.get(0);
    Message last = continued.messages().get(continued.messages().size() - 1);
    assertEquals(Role.ASSISTANT, last.role());
    assertEquals("def add(a, b):", last.content());
  }

  @Test
  void chat_invalidRequest_goesToTheCallerWithoutAskingAnother() {
    InvalidRequestException refusal = new InvalidRequestException("prompt too long for this model");
    local.bug = refusal;
    RoutedBackend r = routed("baseline.Always(local)");
    assertSame(refusal, assertThrows(InvalidRequestException.class, () -> r.chat(request)));
    assertEquals(1, local.calls.get());
    assertEquals(0, cloud.calls.get(), "a refusal ends the request");
    assertEquals(1, r.router().backendFailures(), "fed back, but not as something to learn");
  }

  @Test
  void route_afterARefusal_askingAgainAvoidingThatBackend_reachesAnother() {
    local.bug = new InvalidRequestException("prompt too long for this model");
    RoutedBackend r = routed("baseline.Always(local)");
    assertThrows(InvalidRequestException.class, () -> r.route(request, RouteContext.first(Difficulty.EASY), piece -> {}));
    RoutedBackend.Routed again = r.route(request, RouteContext.first(Difficulty.EASY), piece -> {}, List.of("local"));
    assertEquals("cloud", again.response().backend());
    assertEquals(1, local.calls.get());
  }

  @Test
  void route_invalidRequestOfTheOnlyBackendLeft_goesToTheCaller() {
    InvalidRequestException refusal = new InvalidRequestException("prompt too long for this model");
    local.bug = refusal;
    cloud.availability = BackendStats.Availability.UNAVAILABLE;
    RoutedBackend r = routed("baseline.Always(local)");
    assertSame(refusal, assertThrows(InvalidRequestException.class,
        () -> r.route(request, RouteContext.first(Difficulty.EASY), piece -> {})));
    assertEquals(1, local.calls.get(), "the backend that refused is not asked again");
    assertEquals(0, cloud.calls.get());
  }

  @Test
  void route_failedBackend_isNotAskedAgainInTheSameRequest() {
    local.failure = new BackendException("local", "worker died", true, null);
    cloud.failure = new BackendException("cloud", "HTTP 500", true, null);
    RoutedBackend r = routed("baseline.Always(local)");
    BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
        () -> r.route(request, RouteContext.first(Difficulty.EASY), piece -> {}));
    assertEquals(1, local.calls.get());
    assertEquals(1, cloud.calls.get());
    assertTrue(e.getMessage().contains("worker died") && e.getMessage().contains("HTTP 500"), e.getMessage());
  }

  @Test
  void route_fallback_listsTheFailedBackends() {
    local.failure = new BackendUnavailableException("local", "connection refused", null);
    RoutedBackend r = routed("baseline.Always(local)");
    RoutedBackend.Routed routed = r.route(request, RouteContext.first(Difficulty.EASY), piece -> {});
    assertEquals("cloud", routed.decision().backend());
    assertEquals(List.of("local"), routed.failed());
  }

  @Test
  void route_avoid_skipsTheBackendsThatFailedTheLastTry() {
    RoutedBackend r = routed("baseline.Always(local)");
    RoutedBackend.Routed routed = r.route(request, RouteContext.first(Difficulty.EASY), piece -> {}, List.of("local"));
    assertEquals("cloud", routed.decision().backend());
    assertEquals(0, local.calls.get());
  }

  @Test
  void route_avoidEveryBackendLeft_stillAnswers() {
    cloud.availability = BackendStats.Availability.UNAVAILABLE;
    RoutedBackend r = routed("baseline.Always(cloud)");
    RoutedBackend.Routed routed = r.route(request, RouteContext.first(Difficulty.EASY), piece -> {}, List.of("local"));
    assertEquals("local", routed.decision().backend(), "the only backend left is asked though it failed last time");
  }

  @Test
  void chat_cancelledAnswer_isNotLearnable() {
    cloud.stopReason = StopReason.CANCELLED;
    RoutedBackend r = routed("baseline.Always(cloud)");
    r.chat(request);
    assertEquals(1, r.router().backendFailures());
  }

  @Test
  void chat_judge_decidesTheSuccessThatIsLearned() {
    RoutedBackend r = RoutedBackend.builder().backend(local).policy("rl.TabularQ")
        .reward(new Reward(0, 0)).judge((req, resp) -> 0.25).build();
    RouteDecision[] seen = new RouteDecision[1];
    r.chat(request);
    TabularQPolicy q = (TabularQPolicy) r.router().policy();
    RouteDecision d = r.router().choose(RoutedBackend.estimate(request));
    seen[0] = d;
    assertEquals(0.25, q.value(seen[0].state(), 0), 1e-12);
  }

  @Test
  void chat_manyThreads_everyAnswerIsFedBackOnce() {
    RoutedBackend r = routed("rl.TabularQ");
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 250; i++) {
            r.chat(request);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
    });
    assertEquals(2000, r.router().feedbacks());
    assertEquals(2000, local.calls.get() + cloud.calls.get());
    assertEquals(2000, r.stats().completed());
  }

  @Test
  void build_learningOff_freezesThePolicy() {
    RoutedBackend r = RoutedBackend.builder().backend(local).backend(cloud).learning(false).build();
    r.chat(request);
    TabularQPolicy q = (TabularQPolicy) r.router().policy();
    assertTrue(q.frozen());
    assertEquals(0, q.updates());
    assertEquals(1, r.router().feedbacks());
  }

  @Test
  void build_policyFileForOtherBackends_isRefused() {
    Path file = dir.resolve("p.json");
    PolicyRouter other = PolicyRouter.builder().backends(List.of("x", "y")).build();
    PolicyFiles.save(other.policy(), other.backends(), file);
    PolicyFileException e = assertThrows(PolicyFileException.class,
        () -> RoutedBackend.builder().backend(local).backend(cloud).policyFile(file).build());
    assertTrue(e.getMessage().contains("[x, y]"), e.getMessage());
  }

  @Test
  void build_policyFileHoldingAnotherPolicyThanTheNamedOne_isRefused() {
    Path file = dir.resolve("p.json");
    PolicyRouter ucb = PolicyRouter.builder().backends(List.of("local", "cloud")).policy("bandit.Ucb1").build();
    PolicyFiles.save(ucb.policy(), ucb.backends(), file);
    PolicyFileException e = assertThrows(PolicyFileException.class,
        () -> RoutedBackend.builder().backend(local).backend(cloud).policy("rl.TabularQ").policyFile(file).build());
    assertTrue(e.getMessage().contains("holds bandit.Ucb1, not rl.TabularQ"), e.getMessage());
    assertEquals("bandit.Ucb1",
        RoutedBackend.builder().backend(local).backend(cloud).policy("bandit.Ucb1").policyFile(file).build().router().policy().name());
    assertEquals("bandit.Ucb1", RoutedBackend.builder().backend(local).backend(cloud).policyFile(file).build().router().policy().name(),
        "without a named policy the file's is used");
  }

  @Test
  void build_policyFile_continuesFromTheSavedState() {
    RoutedBackend first = routed("rl.TabularQ");
    for (int i = 0; i < 20; i++) {
      first.chat(request);
    }
    Path file = dir.resolve("p.json");
    first.router().save(file);
    RoutedBackend second = RoutedBackend.builder().backend(local).backend(cloud, Price.perMillionTokens(3, 15)).policyFile(file).build();
    TabularQPolicy a = (TabularQPolicy) first.router().policy();
    TabularQPolicy b = (TabularQPolicy) second.router().policy();
    assertEquals(a.updates(), b.updates());
    RouteDecision d = first.router().choose(RoutedBackend.estimate(request));
    assertEquals(a.value(d.state(), 0), b.value(d.state(), 0), 0);
    assertSame(BackendStats.Availability.AVAILABLE, second.stats().availability());
  }
}
