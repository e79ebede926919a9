package dev.llmux.team.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmux.engine.json.JsonFields;
import dev.llmux.team.TeamEvent;
import dev.llmux.team.TeamException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs in Valkey or Redis (same protocol), through Jedis. Keys, under {@code llmux:team:}:
 * {@code runs} (sorted set of ids by start), {@code active} (set of running runs),
 * {@code run:ID} (the record, JSON), {@code run:ID:st} (hash: subtask id to its state, JSON),
 * {@code run:ID:lease:SUBTASK} (the lease: {@code owner:token}, expiring with {@code PX}),
 * {@code run:ID:fence} and {@code run:ID:seq} (counters), {@code run:ID:base} and
 * {@code run:ID:files} (hashes: path to content), {@code run:ID:events} (list of JSON events).
 *
 * <p>Claim, renew, complete, release and skip are Lua scripts, so each is atomic on the server.
 * A claim takes a subtask that is PENDING, or RUNNING whose lease key has expired (or is held by
 * the claiming worker itself: the scheduler only asks for subtasks it is not working on, so such a
 * lease is an orphan, e.g. a claim whose reply was lost when the server went away), once its
 * dependencies are DONE, and hands out a token from the run's fence counter; completion and
 * release succeed only with the subtask's current token (Kleppmann's fencing tokens), so a worker
 * that wakes after its lease expired and was taken over changes nothing. Completion also checks,
 * file by file, that the merged content still has the hash the teammate started from
 * ({@code redis.sha1hex}), and merges all or nothing. Persistence is the server's: run it with
 * {@code appendonly yes} so a restart keeps the runs.
 */
public final class RedisRunStore implements RunStore {

  private static final String P = "llmux:team:";

  private static final String CLAIM = """
      local rec = redis.call('HGET', KEYS[1], ARGV[1])
      if not rec then return false end
      local r = cjson.decode(rec)
      if r.state == 'RUNNING' then
        local holder = redis.call('GET', KEYS[2])
        if holder and string.sub(holder, 1, #ARGV[2] + 1) ~= ARGV[2] .. ':' then return false end
      elseif r.state ~= 'PENDING' then return false end
      for i = 4, #ARGV do
        local d = redis.call('HGET', KEYS[1], ARGV[i])
        if not d or cjson.decode(d).state ~= 'DONE' then return false end
      end
      local token = redis.call('INCR', KEYS[3])
      r.state = 'RUNNING'; r.owner = ARGV[2]; r.token = token; r.claims = (r.claims or 0) + 1
      redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(r))
      redis.call('SET', KEYS[2], ARGV[2] .. ':' .. token, 'PX', ARGV[3])
      return cjson.encode(r)
      """;

  private static final String RENEW = """
      local rec = redis.call('HGET', KEYS[1], ARGV[1])
      if not rec then return 0 end
      local r = cjson.decode(rec)
      if r.state ~= 'RUNNING' or tostring(r.token) ~= ARGV[2] then return 0 end
      local holder = redis.call('GET', KEYS[2])
      if holder and holder ~= ARGV[3] then return 0 end
      redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
      return 1
      """;

  private static final String COMPLETE = """
      local r = cjson.decode(redis.call('HGET', KEYS[1], ARGV[1]))
      if r.state == 'DONE' and tostring(r.token) == ARGV[2] then return {'DONE', ''} end
      if r.state ~= 'RUNNING' or tostring(r.token) ~= ARGV[2] then return {'STALE', r.state} end
      local n = tonumber(ARGV[5])
      local conflicts = {}
      for i = 0, n - 1 do
        local cur = redis.call('HGET', KEYS[3], ARGV[6 + i * 3])
        local h = ''
        if cur then h = redis.sha1hex(cur) end
        if h ~= ARGV[7 + i * 3] then table.insert(conflicts, ARGV[6 + i * 3]) end
      end
      if #conflicts > 0 then return {'CONFLICT', table.concat(conflicts, '\\n')} end
      local changed = {}
      for i = 0, n - 1 do
        local path = ARGV[6 + i * 3]
        local v = ARGV[8 + i * 3]
        if string.sub(v, 1, 1) == '-' then redis.call('HDEL', KEYS[3], path)
        else redis.call('HSET', KEYS[3], path, string.sub(v, 2)) end
        table.insert(changed, path)
      end
      r.state = 'DONE'; r.summary = ARGV[3]; r.seq = redis.call('INCR', KEYS[4]); r.error = ''
      r.changed = table.concat(changed, ',')
      redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(r))
      redis.call('DEL', KEYS[2])
      return {'DONE', ''}
      """;

  private static final String RELEASE = """
      local r = cjson.decode(redis.call('HGET', KEYS[1], ARGV[1]))
      if r.state ~= 'RUNNING' or tostring(r.token) ~= ARGV[2] then return 0 end
      r.failures = (r.failures or 0) + 1; r.feedback = ARGV[4]
      if ARGV[3] == '1' then r.state = 'FAILED'; r.error = ARGV[4] else r.state = 'PENDING' end
      redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(r))
      redis.call('DEL', KEYS[2])
      return 1
      """;

  private static final String SKIP = """
      local rec = redis.call('HGET', KEYS[1], ARGV[1])
      if not rec then return 0 end
      local r = cjson.decode(rec)
      if r.state ~= 'PENDING' then return 0 end
      r.state = 'SKIPPED'; r.error = ARGV[2]
      redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(r))
      return 1
      """;

  private final JedisPooled jedis;
  private final String where;

  private RedisRunStore(JedisPooled jedis, String where) {
    this.jedis = jedis;
    this.where = where;
  }

  /**
   * Connects to {@code redis://[USER:PASSWORD@]HOST:PORT[/DB]} and checks the server answers.
   *
   * @throws TeamException for a malformed URL
   * @throws StoreUnavailableException when the server does not answer
   */
  public static RedisRunStore connect(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new TeamException("store '" + url + "' is not a URL: use redis://HOST:PORT/DB");
    }
    if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new TeamException("store '" + safe(uri) + "': use redis://HOST:PORT/DB (Valkey speaks the same protocol)");
    }
    int port = uri.getPort() < 0 ? 6379 : uri.getPort();
    int db = 0;
    String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
    if (!path.isEmpty()) {
      try {
        db = Integer.parseInt(path);
      } catch (NumberFormatException e) {
        throw new TeamException("store '" + safe(uri) + "': the database must be a number, as in redis://HOST:PORT/0");
      }
    }
    DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder().database(db).timeoutMillis(3000);
    if (uri.getUserInfo() != null) {
      String[] up = uri.getUserInfo().split(":", 2);
      if (up.length == 2) {
        if (!up[0].isEmpty()) {
          cfg.user(up[0]);
        }
        cfg.password(up[1]);
      } else {
        cfg.password(up[0]);
      }
    }
    String where = "redis://" + uri.getHost() + ":" + port + "/" + db;
    JedisPooled j = new JedisPooled(new HostAndPort(uri.getHost(), port), cfg.build());
    RedisRunStore store = new RedisRunStore(j, where);
    try {
      j.ping();
    } catch (JedisException e) {
      j.close();
      throw new StoreUnavailableException("the run store " + where + " does not answer (" + e.getMessage()
          + "): start Valkey/Redis there or give another --store", e);
    }
    return store;
  }

  private static String safe(URI uri) {
    return uri.getUserInfo() == null ? uri.toString() : uri.toString().replace(uri.getRawUserInfo() + "@", "***@");
  }

  private <T> T call(Supplier<T> op) {
    try {
      return op.get();
    } catch (JedisConnectionException e) {
      throw new StoreUnavailableException("the run store " + where + " is unreachable: " + e.getMessage(), e);
    }
  }

  private static String key(String id) {
    return P + "run:" + id;
  }

  @Override
  public String describe() {
    return where;
  }

  @Override
  public void create(RunInfo info, Map<String, String> files) {
    call(() -> {
      if (!files.isEmpty()) {
        jedis.hset(key(info.id()) + ":base", files);
        jedis.hset(key(info.id()) + ":files", files);
      }
      jedis.set(key(info.id()), info.toJson().toString());
      jedis.zadd(P + "runs", info.created(), info.id());
      return null;
    });
  }

  @Override
  public RunInfo run(String id) {
    String text = call(() -> jedis.get(key(id)));
    if (text == null) {
      throw new TeamException("no run '" + id + "' in " + where + ": list runs with llmux team status --store " + where);
    }
    return RunInfo.fromJson(text, "run " + id + " in " + where);
  }

  @Override
  public void save(RunInfo info) {
    call(() -> {
      jedis.set(key(info.id()), info.toJson().toString());
      if (info.status() == RunStatus.RUNNING) {
        jedis.sadd(P + "active", info.id());
      } else {
        jedis.srem(P + "active", info.id());
      }
      return null;
    });
  }

  @Override
  public List<String> runs() {
    return call(() -> new ArrayList<>(jedis.zrange(P + "runs", 0, -1)));
  }

  @Override
  public List<String> active() {
    return call(() -> new ArrayList<>(new java.util.TreeSet<>(jedis.smembers(P + "active"))));
  }

  @Override
  public void attach(String runId, String owner) {
    // leases expire on the server: nothing to take over by hand
  }

  @Override
  public void addSubtasks(String runId, List<String> ids) {
    call(() -> {
      for (String id : ids) {
        jedis.hsetnx(key(runId) + ":st", id, SubtaskRecord.pending(id).toJson().toString());
      }
      jedis.del(key(runId) + ":order");
      jedis.rpush(key(runId) + ":order", ids.toArray(String[]::new));
      return null;
    });
  }

  @Override
  public List<SubtaskRecord> subtasks(String runId) {
    return call(() -> {
      List<String> order = jedis.lrange(key(runId) + ":order", 0, -1);
      Map<String, String> all = jedis.hgetAll(key(runId) + ":st");
      List<SubtaskRecord> out = new ArrayList<>();
      for (String id : order) {
        String v = all.get(id);
        if (v != null) {
          out.add(SubtaskRecord.fromJson(json(v)));
        }
      }
      return out;
    });
  }

  @Override
  public Optional<Lease> claim(String runId, String subtask, List<String> dependencies, String owner, long leaseMillis) {
    List<String> args = new ArrayList<>(List.of(subtask, owner, Long.toString(leaseMillis)));
    args.addAll(dependencies);
    Object r = call(() -> jedis.eval(CLAIM,
        List.of(key(runId) + ":st", key(runId) + ":lease:" + subtask, key(runId) + ":fence"), args));
    if (!(r instanceof String s)) {
      return Optional.empty();
    }
    SubtaskRecord rec = SubtaskRecord.fromJson(json(s));
    return Optional.of(new Lease(runId, subtask, owner, rec.token(), rec.failures(), rec.feedback()));
  }

  @Override
  public boolean renew(Lease lease, long leaseMillis) {
    Object r = call(() -> jedis.eval(RENEW, List.of(key(lease.run()) + ":st", key(lease.run()) + ":lease:" + lease.subtask()),
        List.of(lease.subtask(), Long.toString(lease.token()), lease.owner() + ":" + lease.token(), Long.toString(leaseMillis))));
    return Long.valueOf(1).equals(r);
  }

  @Override
  public Completion complete(Lease lease, String summary, List<FileChange> changes) {
    String id = lease.run();
    TeamEvent done = TeamEvent.of(id, "merged", lease.subtask(), lease.attempt(), lease.owner(), summary);
    List<String> args = new ArrayList<>(List.of(lease.subtask(), Long.toString(lease.token()), summary,
        done.toJson().toString(), Integer.toString(changes.size())));
    for (FileChange c : changes) {
      args.add(c.path());
      args.add(c.baseHash());
      args.add(c.content() == null ? "-" : "+" + c.content());
    }
    Object r = call(() -> jedis.eval(COMPLETE, List.of(key(id) + ":st", key(id) + ":lease:" + lease.subtask(),
        key(id) + ":files", key(id) + ":seq", key(id) + ":events"), args));
    List<?> l = (List<?>) r;
    String result = String.valueOf(l.get(0));
    String detail = String.valueOf(l.get(1));
    return switch (result) {
      case "DONE" -> new Completion(Completion.Result.DONE, List.of());
      case "CONFLICT" -> new Completion(Completion.Result.CONFLICT, List.of(detail.split("\n")));
      default -> new Completion(Completion.Result.STALE, List.of());
    };
  }

  @Override
  public boolean release(Lease lease, String failure, boolean last) {
    Object r = call(() -> jedis.eval(RELEASE, List.of(key(lease.run()) + ":st", key(lease.run()) + ":lease:" + lease.subtask()),
        List.of(lease.subtask(), Long.toString(lease.token()), last ? "1" : "0", failure)));
    return Long.valueOf(1).equals(r);
  }

  @Override
  public boolean skip(String runId, String subtask, String reason) {
    Object r = call(() -> jedis.eval(SKIP, List.of(key(runId) + ":st"), List.of(subtask, reason)));
    return Long.valueOf(1).equals(r);
  }

  @Override
  public Map<String, String> files(String runId) {
    return call(() -> new TreeMap<>(jedis.hgetAll(key(runId) + ":files")));
  }

  @Override
  public Map<String, String> baseFiles(String runId) {
    return call(() -> new TreeMap<>(jedis.hgetAll(key(runId) + ":base")));
  }

  @Override
  public void append(TeamEvent event) {
    call(() -> jedis.rpush(key(event.run()) + ":events", event.toJson().toString()));
  }

  @Override
  public List<TeamEvent> events(String runId, int from) {
    List<String> lines = call(() -> jedis.lrange(key(runId) + ":events", Math.max(0, from), -1));
    List<TeamEvent> out = new ArrayList<>();
    lines.forEach(l -> out.add(TeamEvent.fromJson(json(l))));
    return out;
  }

  @Override
  public void close() {
    jedis.close();
  }

  private static JsonNode json(String s) {
    try {
      return JsonFields.mapper().readTree(s);
    } catch (IOException e) {
      throw new TeamException("the run store holds a value that is not JSON: " + e.getMessage(), e);
    }
  }
}
