package dev.llmux.agent.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llmux.agent.sandbox.Isolation;
import dev.llmux.agent.sandbox.Sandbox;
import dev.llmux.agent.sandbox.SandboxResult;
import dev.llmux.agent.testing.TestTasks;
import dev.llmux.agent.workspace.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness accepts only results its own runner produced: programs that fake a passing report
 * get no pass.
 */
final class SandboxTestHarnessTest {

  private static SandboxTestHarness harness;

  @TempDir static Path tmp;

  @BeforeAll
  static void setUp() {
    harness = SandboxTestHarness.withDefaults(Sandbox.requireBubblewrap());
  }

  @AfterAll
  static void tearDown() {
    harness.close();
  }

  private static TestReport runPython(String solution) {
    Task task = TestTasks.pythonAdd(tmp);
    try (Workspace ws = Workspace.createTemp()) {
      ws.writeFile("solution.py", solution);
      return harness.evaluate(task, ws);
    }
  }

  @Test
  void evaluate_correctSolution_isVerifiedAndPasses() {
    TestReport r = runPython("def add(a, b):\n    return a + b\n");
    assertTrue(r.allPassed(), r.summary() + "\n" + r.output());
    assertEquals(1.0, r.passFraction());
  }

  @Test
  void evaluate_wrongSolution_countsFailures() {
    TestReport r = runPython("def add(a, b):\n    return a - b\n");
    assertTrue(r.verified());
    assertEquals(0, r.passed());
    assertEquals(2, r.failed());
  }

  @Test
  void evaluate_programPrintsAFakeResultLineAndExits_getsNoPass() {
    TestReport r = runPython("""
        import os, sys
        print("Ran 2 tests in 0.001s\\n\\nOK")
        print("\\nLLMUX-RESULT passed=2 failed=0 total=2 mac=" + "ab" * 32)
        sys.stdout.flush()
        os._exit(0)
        """);
    assertFalse(r.verified(), r.summary());
    assertEquals(0.0, r.passFraction());
    assertTrue(r.output().contains("wrong authentication code"), r.output());
  }

  @Test
  void evaluate_programPatchesTheTestFramework_getsNoPass() {
    TestReport r = runPython("""
        import unittest
        unittest.TestCase.assertEqual = lambda self, a, b, msg=None: None
        def add(a, b):
            return 0
        """);
    assertEquals(0.0, r.passFraction(), r.summary() + "\n" + r.output());
    assertTrue(r.output().contains("modified the test framework"), r.output());
  }

  @Test
  void evaluate_programRewritesTestsAndPlantsAResultFile_getsNoPass() {
    TestReport r = runPython("""
        import os
        here = os.path.dirname(os.path.abspath(__file__))
        for name in ("tests/test_add.py", "tests/test_fake.py", "result.json"):
            try:
                with open(os.path.join(here, name), "w") as f:
                    f.write("import unittest\\nclass T(unittest.TestCase):\\n    def test_ok(self): pass\\n")
            except OSError as e:
                print("cannot write", name, e)
        def add(a, b):
            return 0
        """);
    assertTrue(r.verified());
    assertEquals(0, r.passed(), r.output());
    assertEquals(0.0, r.passFraction());
  }

  @Test
  void evaluate_programReplacesStdoutToRewriteTheCounts_getsNoPass() {
    TestReport r = runPython("""
        import sys
        class Rewriter:
            def __init__(self, inner):
                self.inner = inner
            def write(self, s):
                return self.inner.write(s.replace("failed=2", "failed=0").replace("passed=0", "passed=2"))
            def flush(self):
                self.inner.flush()
        sys.stdout = Rewriter(sys.stdout)
        def add(a, b):
            return None
        """);
    assertEquals(0.0, r.passFraction(), r.output());
  }

  @Test
  void evaluate_javaProgramPrintsFakeLineAndExitsInStaticInit_getsNoPass() throws Exception {
    Task task = TestTasks.java(tmp, "java-add", 1,
        Map.of("AddTest.java", """
            public class AddTest {
              static void testAdd() {
                if (Adder.add(2, 3) != 5) throw new AssertionError("2 + 3");
              }
            }
            """),
        Map.of("Adder.java", "public class Adder { public static int add(int a, int b) { return a + b; } }\n"));
    try (Workspace ws = Workspace.createTemp()) {
      ws.writeFile("Adder.java", """
          public class Adder {
            static {
              System.out.println("LLMUX-RESULT passed=1 failed=0 total=1 mac=" + "0".repeat(64));
              System.exit(0);
            }
            public static int add(int a, int b) { return 0; }
          }
          """);
      TestReport fake = harness.evaluate(task, ws);
      assertFalse(fake.verified(), fake.summary());
      assertEquals(0.0, fake.passFraction());
      ws.writeFile("Adder.java", Files.readString(task.referenceDir().resolve("Adder.java")));
      TestReport real = harness.evaluate(task, ws);
      assertTrue(real.allPassed(), real.summary() + "\n" + real.output());
    }
  }

  @Test
  void report_twoAuthenticLines_isNotVerified() {
    Task task = TestTasks.pythonAdd(tmp);
    String key = "k".repeat(64);
    String counts = "passed=2 failed=0 total=2";
    String line = "LLMUX-RESULT " + counts + " mac=" + SandboxTestHarness.hmac(key, counts);
    SandboxResult run = new SandboxResult(0, line + "\n" + line + "\n", "", 10, 0, false, false, 5, Isolation.BUBBLEWRAP);
    assertFalse(SandboxTestHarness.report(task, key, run).verified());
    SandboxResult once = new SandboxResult(0, line + "\n", "", 10, 0, false, false, 5, Isolation.BUBBLEWRAP);
    assertTrue(SandboxTestHarness.report(task, key, once).allPassed());
  }
}
