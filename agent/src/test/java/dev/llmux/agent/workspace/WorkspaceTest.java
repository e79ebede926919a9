package dev.llmux.agent.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class WorkspaceTest {

  @TempDir Path tmp;
  private Workspace ws;
  private Path outside;

  @BeforeEach
  void setUp() throws IOException {
    ws = Workspace.createTemp();
    outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  @Test
  void resolve_absolutePath_isRefused() {
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> ws.resolve("/etc/passwd"));
    assertTrue(e.getMessage().contains("absolute"), e.getMessage());
    assertThrows(WorkspaceException.class, () -> ws.resolve("~/x"));
  }

  @Test
  void resolve_dotDot_isRefused_evenWhenItStaysInside() {
    assertThrows(WorkspaceException.class, () -> ws.resolve("../x"));
    assertThrows(WorkspaceException.class, () -> ws.resolve("a/../../x"));
    assertThrows(WorkspaceException.class, () -> ws.resolve("a/../b"));
  }

  @Test
  void resolve_symlinkLeadingOut_isRefused() throws IOException {
    Files.createSymbolicLink(ws.root().resolve("abs"), outside);
    Files.createSymbolicLink(ws.root().resolve("rel"), ws.root().relativize(outside));
    Files.createSymbolicLink(ws.root().resolve("dir"), tmp);
    Files.createSymbolicLink(ws.root().resolve("dangling"), tmp.resolve("does-not-exist"));
    for (String p : List.of("abs", "rel", "dir/secret.txt", "dangling")) {
      assertThrows(WorkspaceException.class, () -> ws.readFile(p), p);
      assertThrows(WorkspaceException.class, () -> ws.writeFile(p, "x"), p);
    }
    assertEquals("secret", Files.readString(outside));
    assertFalse(Files.exists(tmp.resolve("does-not-exist")));
  }

  @Test
  void resolve_symlinkInside_isFollowed() throws IOException {
    ws.writeFile("src/a.py", "print(1)\n");
    Files.createSymbolicLink(ws.root().resolve("link"), Path.of("src"));
    Files.createSymbolicLink(ws.root().resolve("abs-inside"), ws.root().resolve("src/a.py"));
    assertEquals("print(1)\n", ws.readFile("link/a.py"));
    assertEquals("print(1)\n", ws.readFile("abs-inside"));
    assertEquals(ws.root().resolve("src/a.py"), ws.resolve("link/a.py"));
  }

  @Test
  void writeFile_overTheFileCap_isRefused() {
    Workspace small = ws.withCaps(10, 100);
    assertThrows(WorkspaceException.class, () -> small.writeFile("a.txt", "x".repeat(11)));
    small.writeFile("a.txt", "x".repeat(10));
    assertEquals(10, small.readFile("a.txt").length());
  }

  @Test
  void writeFile_overTheTotalCap_isRefused_butReplacingCountsOnce() {
    Workspace small = ws.withCaps(60, 100);
    small.writeFile("a.txt", "x".repeat(60));
    small.writeFile("a.txt", "y".repeat(60));
    assertThrows(WorkspaceException.class, () -> small.writeFile("b.txt", "z".repeat(60)));
  }

  @Test
  void readFile_largeFile_isTruncatedWithAMarker() throws IOException {
    Files.writeString(ws.root().resolve("big.txt"), "x".repeat(1000));
    String text = ws.withCaps(100, 10_000).readFile("big.txt");
    assertTrue(text.startsWith("x".repeat(100)));
    assertTrue(text.contains("900 more bytes"), text);
  }

  @Test
  void listFiles_showsFilesFoldersAndLinks_sorted() throws IOException {
    ws.writeFile("b.py", "");
    ws.writeFile("tests/test_a.py", "");
    Files.createSymbolicLink(ws.root().resolve("out"), tmp);
    assertEquals(List.of("b.py", "out -> " + tmp, "tests/", "tests/test_a.py"), ws.listFiles("."));
  }

  @Test
  void readFile_missing_saysWhatToDo() {
    WorkspaceException e = assertThrows(WorkspaceException.class, () -> ws.readFile("nope.py"));
    assertTrue(e.getMessage().contains("list_files"), e.getMessage());
  }

  @Test
  void close_deletesTheTemporaryWorkspace_withoutFollowingLinks() throws IOException {
    Path root = ws.root();
    Files.createSymbolicLink(root.resolve("out"), tmp);
    ws.close();
    assertFalse(Files.exists(root));
    assertTrue(Files.exists(outside));
  }
}
