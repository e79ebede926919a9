package dev.llmux.agent.task;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.engine.testing.OversizedJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a task folder's {@code task.json}. */
final class TasksTest {

  @Test
  void load_taskJsonPastTheParsersLimits_namesTheFileAndTheLimit(@TempDir Path dir) throws Exception {
    Path task = Files.createDirectories(dir.resolve("hostile"));
    Path json = task.resolve("task.json");
    for (String doc : OversizedJson.all("name")) {
      Files.writeString(json, doc);
      TaskException e = assertThrows(TaskException.class, () -> Tasks.load(task));
      assertTrue(e.getMessage().contains(json.toString()) && e.getMessage().contains(OversizedJson.LIMIT_WORDS),
          e.getMessage());
    }
  }
}
