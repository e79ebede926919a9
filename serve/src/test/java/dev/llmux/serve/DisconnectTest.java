package dev.llmux.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A streaming client that goes away cancels its answer at once, and the model serves the next request. */
final class DisconnectTest {

  private static final int ASKED = 8000;

  @Test
  void stream_clientClosesAfterFirstEvent_generationStopsLongBeforeItsLimit() throws Exception {
    try (ServedTiny served = new ServedTiny(4, null)) {
      URI base = served.server.baseUri();
      String body = "{\"model\":\"tiny\",\"stream\":true,\"max_tokens\":" + ASKED + ",\"messages\":[{\"role\":\"user\","
          + "\"content\":\"Go on for ever.\"}]}";
      try (Socket s = new Socket(base.getHost(), base.getPort())) {
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        int contentEvents = 0;
        for (String line = in.readLine(); line != null && contentEvents < 2; line = in.readLine()) {
          if (line.contains("\"content\":\"") && !line.contains("\"role\"")) {
            contentEvents++;
          }
        }
        assertEquals(2, contentEvents, "the answer had started streaming");
      } // the client is gone
      HttpClient http = HttpClient.newHttpClient();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); // bounds a hang only
      String metrics = "";
      while (System.nanoTime() < until) {
        metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString())
            .body();
        if (metrics.contains("status=\"499\"")) {
          break;
        }
        Thread.sleep(50);
      }
      assertTrue(metrics.contains("llmux_requests_total{model=\"tiny\",status=\"499\"} 1.0"), metrics);
      Matcher m = Pattern.compile("llmux_completion_tokens_total\\{model=\"tiny\"} ([0-9.]+)").matcher(metrics);
      assertTrue(m.find(), metrics);
      double produced = Double.parseDouble(m.group(1));
      assertTrue(produced < ASKED / 2.0, "generation stopped early: " + produced + " of " + ASKED + " tokens");
      assertEquals(0, served.model.stats().inFlight());
    }
  }
}
