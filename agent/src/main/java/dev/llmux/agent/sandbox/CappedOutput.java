package dev.llmux.agent.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a process on its own thread, keeping the first and the last bytes
 * up to a cap and counting the rest, so a flood can neither block the program nor fill the heap.
 */
final class CappedOutput {

  /** The start of the marker put where bytes were dropped. */
  static final String MARKER_PREFIX = "[... llmux: ";

  private final byte[] head;
  private final byte[] tail;
  private int headLen;
  private long tailWritten;
  private long total;
  private final Thread thread;

  /** Starts draining {@code in}, keeping at most {@code cap} bytes. */
  CappedOutput(InputStream in, int cap, String name) {
    int headCap = Math.max(1, cap / 2);
    this.head = new byte[headCap];
    this.tail = new byte[Math.max(1, cap - headCap)];
    this.thread = new Thread(() -> drain(in), name);
    thread.setDaemon(true);
    thread.start();
  }

  private void drain(InputStream in) {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        accept(buf, n);
      }
    } catch (IOException e) {
      // the stream was closed under us after the process tree was killed: keep what we have
    }
  }

  private synchronized void accept(byte[] buf, int n) {
    total += n;
    int i = 0;
    if (headLen < head.length) {
      int take = Math.min(n, head.length - headLen);
      System.arraycopy(buf, 0, head, headLen, take);
      headLen += take;
      i = take;
    }
    for (; i < n; i++) {
      tail[(int) (tailWritten % tail.length)] = buf[i];
      tailWritten++;
    }
  }

  /** Waits up to {@code millis} for the stream to end; whether it ended. */
  boolean await(long millis) throws InterruptedException {
    thread.join(millis);
    return !thread.isAlive();
  }

  /** How many bytes the program wrote in all. */
  synchronized long total() {
    return total;
  }

  /** Whether bytes were dropped. */
  synchronized boolean truncated() {
    return tailWritten > tail.length;
  }

  /** The kept text: head, then a marker saying how many bytes were dropped, then tail. */
  synchronized String text() {
    StringBuilder sb = new StringBuilder(new String(head, 0, headLen, StandardCharsets.UTF_8));
    if (tailWritten <= tail.length) {
      sb.append(new String(tail, 0, (int) tailWritten, StandardCharsets.UTF_8));
    } else {
      long dropped = tailWritten - tail.length;
      int start = (int) (tailWritten % tail.length);
      byte[] ordered = new byte[tail.length];
      System.arraycopy(tail, start, ordered, 0, tail.length - start);
      System.arraycopy(tail, 0, ordered, tail.length - start, start);
      sb.append('\n').append(MARKER_PREFIX).append(dropped).append(" bytes truncated ...]\n");
      sb.append(new String(ordered, StandardCharsets.UTF_8));
    }
    return sb.toString();
  }
}
