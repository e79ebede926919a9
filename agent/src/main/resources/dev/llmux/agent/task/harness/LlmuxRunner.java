package llmuxharness;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * llmux test runner for Java tasks: compiles the workspace and the pristine tests, runs every
 * static no-argument method whose name starts with "test" in each tests/*Test.java class, and
 * reports one line on the original standard output:
 * LLMUX-RESULT passed=P failed=F total=T mac=HMAC-SHA256(key, "passed=P failed=F total=T").
 *
 * <p>Run in source-file mode: java LlmuxRunner.java WORKSPACE TESTS_DIR. The key is the first line
 * of standard input and lives only in a local variable of main, read before any workspace code is
 * compiled or loaded.
 */
public final class LlmuxRunner {

  private static final long PER_TEST_MILLIS = 3000;

  private LlmuxRunner() {}

  public static void main(String[] args) throws Exception {
    byte[] key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII)).readLine().strip()
        .getBytes(StandardCharsets.US_ASCII);
    PrintStream result = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.US_ASCII);
    PrintStream log = System.err;
    Path workspace = Path.of(args[0]);
    Path tests = Path.of(args[1]);
    Path classes = Path.of(System.getenv().getOrDefault("TMPDIR", "/tmp"), "llmux-classes");
    int passed = 0;
    int failed = 0;
    int total = 0;
    try {
      Files.createDirectories(classes);
      List<String> sources = new ArrayList<>();
      try (Stream<Path> s = Files.walk(workspace)) {
        s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).forEach(p -> sources.add(p.toString()));
      }
      sources.sort(null);
      List<String> testClasses = new ArrayList<>();
      try (Stream<Path> s = Files.list(tests)) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Test.java")).sorted()
            .forEach(n -> testClasses.add(n.substring(0, n.length() - 5)));
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      List<String> javacArgs = new ArrayList<>(List.of("-d", classes.toString(), "-nowarn", "-proc:none", "-encoding", "UTF-8"));
      javacArgs.addAll(sources);
      int rc = javac.run(null, log, log, javacArgs.toArray(new String[0]));
      if (rc != 0) {
        log.println("llmux runner: compilation failed");
      } else {
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, LlmuxRunner.class.getClassLoader());
        for (String name : testClasses) {
          Class<?> c;
          try {
            c = Class.forName(name, false, loader);
          } catch (Throwable t) {
            log.println("FAIL " + name + ": cannot load: " + t);
            failed++;
            total++;
            continue;
          }
          Method[] methods = c.getDeclaredMethods();
          Arrays.sort(methods, Comparator.comparing(Method::getName));
          for (Method m : methods) {
            if (!m.getName().startsWith("test") || !Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0) {
              continue;
            }
            total++;
            String failure = runOne(m);
            if (failure == null) {
              passed++;
              log.println("PASS " + name + "." + m.getName());
            } else {
              failed++;
              log.println("FAIL " + name + "." + m.getName() + ": " + failure);
            }
          }
        }
      }
    } catch (Throwable t) {
      log.println("llmux runner: " + t);
    }
    String msg = "passed=" + passed + " failed=" + failed + " total=" + total;
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    StringBuilder hex = new StringBuilder();
    for (byte b : mac.doFinal(msg.getBytes(StandardCharsets.US_ASCII))) {
      hex.append(String.format("%02x", b));
    }
    log.flush();
    result.print("\nLLMUX-RESULT " + msg + " mac=" + hex + "\n");
    result.flush();
    Runtime.getRuntime().halt(0);
  }

  private static String runOne(Method m) throws InterruptedException {
    AtomicReference<String> failure = new AtomicReference<>("did not finish in " + PER_TEST_MILLIS + " ms");
    Thread t = new Thread(() -> {
      try {
        m.setAccessible(true);
        m.invoke(null);
        failure.set(null);
      } catch (InvocationTargetException e) {
        Throwable c = e.getCause();
        failure.set(c instanceof AssertionError ? String.valueOf(c.getMessage()) : c.toString());
      } catch (Throwable e) {
        failure.set(e.toString());
      }
    }, "test-" + m.getName());
    t.setDaemon(true);
    t.start();
    t.join(PER_TEST_MILLIS);
    return failure.get();
  }
}
