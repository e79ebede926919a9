package dev.llmux.agent.tools;

import dev.llmux.agent.task.TestReport;
import dev.llmux.agent.workspace.WorkspaceException;
import java.util.List;

/** The standard tools: {@code write_file}, {@code read_file}, {@code list_files}, {@code run_tests}, {@code finish}. */
public final class Tools {

  private Tools() {}

  /** The five standard tools, in the order they are described to the model. */
  public static ToolSet standard() {
    return ToolSet.builder().add(writeFile()).add(readFile()).add(listFiles()).add(runTests()).add(finish()).build();
  }

  /** {@code write_file(path, content)}: creates or replaces a file. */
  public static Tool writeFile() {
    return new Simple("write_file", "Creates or replaces a text file in the workspace with the given content.",
        List.of(ToolParam.required("path", ParamType.STRING, "file path relative to the workspace, e.g. solution.py"),
            ToolParam.required("content", ParamType.STRING, "the complete new content of the file")),
        true) {
      @Override
      public ToolResult run(ToolCall call, ToolContext ctx) {
        String path = call.string("path", "");
        String content = call.string("content", "");
        try {
          ctx.workspace().writeFile(path, content);
        } catch (WorkspaceException e) {
          return ToolResult.error(e.getMessage());
        }
        long lines = content.isEmpty() ? 0 : content.lines().count();
        return ToolResult.ok("wrote " + path + " (" + content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            + " bytes, " + lines + " lines)");
      }
    };
  }

  /** {@code read_file(path)}: returns a file's content. */
  public static Tool readFile() {
    return new Simple("read_file", "Returns the content of a text file in the workspace.",
        List.of(ToolParam.required("path", ParamType.STRING, "file path relative to the workspace")), false) {
      @Override
      public ToolResult run(ToolCall call, ToolContext ctx) {
        String path = call.string("path", "");
        try {
          return ToolResult.ok(ctx.workspace().readFile(path));
        } catch (WorkspaceException e) {
          return ToolResult.error(e.getMessage());
        }
      }
    };
  }

  /** {@code list_files(path?)}: lists files under a directory, recursively. */
  public static Tool listFiles() {
    return new Simple("list_files", "Lists the files and folders under a folder of the workspace, recursively.",
        List.of(ToolParam.optional("path", ParamType.STRING, "folder relative to the workspace; default '.'")), false) {
      @Override
      public ToolResult run(ToolCall call, ToolContext ctx) {
        try {
          List<String> files = ctx.workspace().listFiles(call.string("path", "."));
          return ToolResult.ok(files.isEmpty() ? "(no files)" : String.join("\n", files));
        } catch (WorkspaceException e) {
          return ToolResult.error(e.getMessage());
        }
      }
    };
  }

  /** {@code run_tests()}: runs the task's tests in the sandbox. */
  public static Tool runTests() {
    return new Simple("run_tests", "Runs the task's tests in a sandbox and returns how many passed and their output.",
        List.of(), false) {
      @Override
      public ToolResult run(ToolCall call, ToolContext ctx) {
        TestReport r = ctx.tests().get();
        String text = (r.allPassed() ? "all tests passed: " : "tests: ") + r.summary()
            + (r.output().isBlank() ? "" : "\n" + r.output());
        return new ToolResult(text, true, r, false);
      }
    };
  }

  /** {@code finish(summary?)}: ends the episode; the pristine tests then decide the result. */
  public static Tool finish() {
    return new Simple("finish", "Ends the task when the solution is complete; the tests are run one last time.",
        List.of(ToolParam.optional("summary", ParamType.STRING, "one sentence on what was done")), false) {
      @Override
      public ToolResult run(ToolCall call, ToolContext ctx) {
        TestReport r = ctx.tests().get();
        return new ToolResult("finished; final tests: " + r.summary(), true, r, true);
      }
    };
  }

  /** A tool described by fields, with {@link #run} left to the subclass. */
  private abstract static class Simple implements Tool {
    private final String name;
    private final String description;
    private final List<ToolParam> params;
    private final boolean changes;

    Simple(String name, String description, List<ToolParam> params, boolean changes) {
      this.name = name;
      this.description = description;
      this.params = List.copyOf(params);
      this.changes = changes;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public List<ToolParam> params() {
      return params;
    }

    @Override
    public boolean changesWorkspace() {
      return changes;
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
