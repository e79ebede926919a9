package dev.llmux.agent.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmux.agent.AgentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One MCP tool server as configured under {@code "mcpServers"} in {@code llmux.json}: either a
 * command started with stdio ({@code command}, {@code args}, {@code env}) or a streamable-HTTP
 * {@code url}. In {@code args} and {@code env} values, {@value #WORKSPACE} is replaced by the
 * episode's workspace folder (the server is then started once per episode).
 *
 * @param name the server's name: its tools are offered as {@code NAME_TOOL}
 * @param command the program to start (stdio), or {@code null} for a URL
 * @param args its arguments
 * @param env variables added to its environment
 * @param url the streamable-HTTP endpoint, or {@code null} for a command
 * @param initTimeout how long starting and initialising may take
 * @param callTimeout how long one tool call may take
 * @param tools the server's tools to offer, by the server's names; empty: all of them
 */
public record McpServerSpec(String name, String command, List<String> args, Map<String, String> env, String url,
    Duration initTimeout, Duration callTimeout, List<String> tools) {

  /** The placeholder for the episode's workspace folder in {@code args} and {@code env}. */
  public static final String WORKSPACE = "{workspace}";
  /** The keys a server entry may hold (documented in {@code models/README.md}). */
  public static final Set<String> KEYS = Set.of("command", "args", "env", "url", "initTimeoutSeconds",
      "callTimeoutSeconds", "tools", "comment");
  /** The default initialisation timeout. */
  public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(30);
  /** The default timeout of one call. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  /** Checks the fields: a valid name and exactly one of command and url. */
  public McpServerSpec {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new AgentException("MCP server name '" + name + "' must be lower_snake_case (its tools are called NAME_TOOL)");
    }
    if ((command == null) == (url == null)) {
      throw new AgentException("MCP server '" + name + "' needs exactly one of \"command\" (stdio) and \"url\" (HTTP)");
    }
    args = List.copyOf(args == null ? List.of() : args);
    env = Map.copyOf(env == null ? Map.of() : env);
    initTimeout = initTimeout == null ? DEFAULT_INIT_TIMEOUT : initTimeout;
    callTimeout = callTimeout == null ? DEFAULT_CALL_TIMEOUT : callTimeout;
    tools = List.copyOf(tools == null ? List.of() : tools);
  }

  /** A stdio server with default timeouts. */
  public static McpServerSpec stdio(String name, String command, List<String> args) {
    return new McpServerSpec(name, command, args, Map.of(), null, null, null, List.of());
  }

  /** This server with other timeouts. */
  public McpServerSpec withTimeouts(Duration init, Duration call) {
    return new McpServerSpec(name, command, args, env, url, init, call, tools);
  }

  /** This server offering only these of its tools (by the server's names). */
  public McpServerSpec withTools(List<String> only) {
    return new McpServerSpec(name, command, args, env, url, initTimeout, callTimeout, only);
  }

  /** Whether the server's start depends on the episode's workspace. */
  public boolean perWorkspace() {
    return args.stream().anyMatch(a -> a.contains(WORKSPACE)) || env.values().stream().anyMatch(v -> v.contains(WORKSPACE));
  }

  /** What the server is, for messages: the command line or the URL (never the environment's values). */
  public String describe() {
    return url != null ? url : String.join(" ", command, String.join(" ", args)).strip();
  }

  /** The servers under {@code "mcpServers"} in a catalog file, in order; none when the key is absent. */
  public static List<McpServerSpec> fromCatalog(Path file) {
    return fromCatalog(file, System::getenv);
  }

  /** As {@link #fromCatalog(Path)}, with {@code ${VAR}} in {@code env} values read from {@code environment}. */
  public static List<McpServerSpec> fromCatalog(Path file, Function<String, String> environment) {
    try {
      return parse(Files.readString(file), file, environment);
    } catch (IOException e) {
      throw new AgentException("cannot read the MCP servers of " + file + ": " + e.getMessage());
    }
  }

  /** The servers under {@code "mcpServers"} in catalog JSON; {@code file} names it in errors. */
  public static List<McpServerSpec> parse(String text, Path file, Function<String, String> environment) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new AgentException("cannot read the MCP servers of " + file + ": " + e.getMessage());
    }
    JsonNode servers = root == null ? null : root.get("mcpServers");
    if (servers == null || servers.isNull()) {
      return List.of();
    }
    String where = file + ": $.mcpServers";
    if (!servers.isObject()) {
      throw new AgentException(where + " must be an object of servers by name");
    }
    List<McpServerSpec> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = servers.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = where + "." + e.getKey();
      JsonNode s = e.getValue();
      if (!s.isObject()) {
        throw new AgentException(at + " must be an object with \"command\" or \"url\"");
      }
      for (Iterator<String> keys = s.fieldNames(); keys.hasNext(); ) {
        String k = keys.next();
        if (!KEYS.contains(k)) {
          throw new AgentException(at + " has the unknown key \"" + k + "\"; allowed: " + new java.util.TreeSet<>(KEYS));
        }
      }
      List<String> args = strings(s, "args", at);
      List<String> tools = strings(s, "tools", at);
      Map<String, String> env = new LinkedHashMap<>();
      JsonNode en = s.get("env");
      if (en != null) {
        if (!en.isObject()) {
          throw new AgentException(at + ".env must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> vs = en.fields(); vs.hasNext(); ) {
          Map.Entry<String, JsonNode> v = vs.next();
          if (!v.getValue().isTextual()) {
            throw new AgentException(at + ".env." + v.getKey() + " must be a string");
          }
          env.put(v.getKey(), expand(v.getValue().asText(), at + ".env." + v.getKey(), environment));
        }
      }
      try {
        out.add(new McpServerSpec(e.getKey(), text(s, "command", at), args, env, text(s, "url", at),
            seconds(s, "initTimeoutSeconds", at), seconds(s, "callTimeoutSeconds", at), tools));
      } catch (AgentException bad) {
        throw new AgentException(file + ": " + bad.getMessage());
      }
    }
    return out;
  }

  private static List<String> strings(JsonNode s, String key, String at) {
    List<String> out = new ArrayList<>();
    JsonNode a = s.get(key);
    if (a != null) {
      if (!a.isArray()) {
        throw new AgentException(at + "." + key + " must be a list of strings");
      }
      for (JsonNode x : a) {
        if (!x.isTextual()) {
          throw new AgentException(at + "." + key + " must be a list of strings, found " + x.getNodeType());
        }
        out.add(x.asText());
      }
    }
    return out;
  }

  private static String text(JsonNode s, String key, String at) {
    JsonNode v = s.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new AgentException(at + "." + key + " must be a non-empty string");
    }
    return v.asText();
  }

  private static Duration seconds(JsonNode s, String key, String at) {
    JsonNode v = s.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || v.asDouble() <= 0) {
      throw new AgentException(at + "." + key + " must be a positive number of seconds");
    }
    return Duration.ofMillis(Math.round(v.asDouble() * 1000));
  }

  private static String expand(String value, String at, Function<String, String> environment) {
    Matcher m = VAR.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = environment.apply(m.group(1));
      if (v == null) {
        throw new AgentException(at + " names the environment variable " + m.group(1)
            + ", which is not set: export it or change this value");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
