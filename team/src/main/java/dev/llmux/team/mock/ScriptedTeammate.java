package dev.llmux.team.mock;

import dev.llmux.team.Assignment;
import dev.llmux.team.Subtask;
import dev.llmux.team.TeamException;
import dev.llmux.team.Teammate;
import dev.llmux.team.TeammateOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * [MOCK] A teammate that works for a fixed time and then writes every file its subtask lists
 * ({@code <subtask id>: <title>} and the spec), so acceptance checks such as
 * {@code grep -q s1 a.txt} pass. Markers in a subtask's spec script faults:
 * {@code [mock:fail-once]} fails the first attempt, {@code [mock:fail]} every attempt,
 * {@code [mock:outage-N]} answers "backend unavailable" on the first N calls of the run,
 * {@code [mock:no-write]} writes nothing (so its checks fail).
 */
public final class ScriptedTeammate implements Teammate {

  private final long workMillis;
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();

  /** A teammate that works {@code workMillis} per subtask. */
  public ScriptedTeammate(long workMillis) {
    this.workMillis = workMillis;
  }

  @Override
  public TeammateOutcome work(Assignment a) throws InterruptedException {
    Subtask s = a.subtask();
    int call = calls.merge(a.run() + "/" + s.id(), 1, Integer::sum);
    java.util.regex.Matcher outage = java.util.regex.Pattern.compile("\\[mock:outage-(\\d+)]").matcher(s.spec());
    if (outage.find() && call <= Integer.parseInt(outage.group(1))) {
      return new TeammateOutcome.Unavailable("[MOCK] backend unavailable (HTTP 503), call " + call);
    }
    Thread.sleep(workMillis);
    if (s.spec().contains("[mock:fail]") || (s.spec().contains("[mock:fail-once]") && a.attempt() == 1)) {
      return new TeammateOutcome.Failed("[MOCK] scripted failure on attempt " + a.attempt());
    }
    if (!s.spec().contains("[mock:no-write]")) {
      for (String f : s.files()) {
        Path p = a.workspace().resolve(f);
        try {
          Files.createDirectories(p.getParent());
          String old = Files.isRegularFile(p) ? Files.readString(p) : "";
          Files.writeString(p, old + s.id() + ": " + s.title() + "\n" + s.spec() + "\n");
        } catch (IOException e) {
          throw new TeamException("[MOCK] teammate cannot write " + p + ": " + e.getMessage(), e);
        }
      }
    }
    return new TeammateOutcome.Finished("[MOCK] wrote " + String.join(", ", s.files()) + " (attempt " + a.attempt() + ")");
  }
}
