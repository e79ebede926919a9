package dev.llmux.router.policy;


/**
 * One step as a policy learns from it: the decision, what followed, the reward, and the state the
 * episode moved to.
 *
 * @param decision the decision the step followed; for a probe, its state carries the latency regime
 *     the chosen backend's answer showed
 * @param action the index of the chosen backend
 * @param outcome what the step led to
 * @param reward the step's reward under the router's {@link dev.llmux.router.policy.Reward}
 * @param nextState the encoded next state, or {@link #TERMINAL} when the episode ended
 * @param nextAvailable bit mask of the backends available in the next state; 0 when terminal
 */
public record Transition(
    RouteDecision decision, int action, Outcome outcome, double reward, int nextState, int nextAvailable) {

  /** The {@code nextState} of a step that ended its episode. */
  public static final int TERMINAL = -1;

  /** Whether the episode ended with this step (no next state to bootstrap on). */
  public boolean terminal() {
    return nextState == TERMINAL;
  }
}
