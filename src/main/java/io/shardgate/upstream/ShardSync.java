package io.shardgate.upstream;

import io.shardgate.cache.ShardCache;
import io.shardgate.cluster.FrameBatch;
import io.shardgate.cluster.ReadySnapshot;
import io.shardgate.protocol.GatewayFrame;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Answers client connections' requests to the shard's owner (see
 * {@link io.shardgate.cluster.EventBusAddresses#shardSync}). Runs on the shard's context, between
 * two dispatches, so a READY snapshot reflects exactly the frames up to the relay sequence it names
 * and a replay is exactly the frames after the one asked for.
 */
public final class ShardSync {

  /** Request {@code {kind, large_threshold}}: answered with a {@link ReadySnapshot} buffer. */
  public static final String KIND_IDENTIFY = "identify";
  /**
   * Request {@code {kind, after_rseq, until_rseq?}}: answered with a {@link FrameBatch} buffer once the
   * stream reached both, or {@link #GONE}.
   */
  public static final String KIND_RESUME = "resume";
  /** Failure code: the replay window no longer reaches the client's position. */
  public static final int GONE = 410;
  /** Failure code: too many clients wait for this shard to be live. */
  public static final int BUSY = 503;
  private static final int MAX_WAITING = 10_000;

  private final ShardCache cache;
  private final ReplayWindow window;
  private final LongSupplier relaySequence;
  private final LongSupplier clock;
  /** Requests that came before the shard was live: answered, in order, once it is. */
  private final ArrayDeque<Message<JsonObject>> waiting = new ArrayDeque<>();
  /**
   * RESUMEs from a position the stream has not reached again yet: after a crash, the new owner's
   * replay from the checkpoint may not have caught up with what a bot got from the old owner.
   * Answered as the stream passes their position.
   */
  private final ArrayDeque<Message<JsonObject>> ahead = new ArrayDeque<>();
  private JsonObject ready;
  /**
   * Whether the cache and replay window describe the stream up to now. Not before the first READY,
   * nor while a new owner catches up on what Discord replays after its checkpoint: a client ahead of
   * the checkpoint would otherwise be told its position is gone, or get a snapshot older than it.
   */
  private boolean live;

  ShardSync(ShardCache cache, ReplayWindow window, LongSupplier relaySequence, LongSupplier clock) {
    this.cache = cache;
    this.window = window;
    this.relaySequence = relaySequence;
    this.clock = clock;
  }

  /** The upstream READY arrived, or the resumed stream caught up: waiting clients are answered now. */
  void live(JsonObject readyData) {
    ready = readyData;
    live = true;
    while (!waiting.isEmpty()) {
      answer(waiting.poll());
    }
  }

  /** A new owner restored a checkpoint and RESUMEs: requests wait until Discord's replay is through. */
  void catchingUp() {
    live = false;
  }

  void handle(Message<JsonObject> request) {
    if (live) {
      answer(request);
    } else if (waiting.size() < MAX_WAITING) {
      waiting.add(request);
    } else {
      request.fail(BUSY, "too many clients wait for this shard");
    }
  }

  /** Clients still waiting are told the shard went away (it stopped or moved). */
  void stop() {
    while (!waiting.isEmpty()) {
      waiting.poll().fail(BUSY, "shard stopped");
    }
    while (!ahead.isEmpty()) {
      ahead.poll().fail(BUSY, "shard stopped");
    }
  }

  /** A frame was relayed: RESUMEs waiting for the stream to reach their position may be answered. */
  void relayed(long rseq) {
    if (ahead.isEmpty()) {
      return;
    }
    int waitingNow = ahead.size();
    for (int i = 0; i < waitingNow; i++) {
      Message<JsonObject> request = ahead.poll();
      if (neededRseq(request) <= rseq) {
        answerResume(request);
      } else {
        ahead.add(request);
      }
    }
  }

  /**
   * How far the stream must be before a RESUME is answered: past the client's position, and past
   * {@code until_rseq} when the client (a bot whose node died) saw more than its record says.
   */
  private static long neededRseq(Message<JsonObject> request) {
    return Math.max(request.body().getLong("after_rseq", -1L), request.body().getLong("until_rseq", -1L));
  }

  /** The stream was replaced by one that does not continue it: nobody ahead will be reached. */
  void streamRestarted() {
    while (!ahead.isEmpty()) {
      ahead.poll().fail(GONE, "the stream was replaced");
    }
  }

  private void answer(Message<JsonObject> request) {
    String kind = request.body().getString("kind", "");
    switch (kind) {
      case KIND_IDENTIFY -> answerIdentify(request);
      case KIND_RESUME -> answerResume(request);
      default -> request.fail(400, "unknown sync request \"" + kind + "\"");
    }
  }

  private void answerIdentify(Message<JsonObject> request) {
    int largeThreshold = request.body().getInteger("large_threshold", ShardCache.DEFAULT_LARGE_THRESHOLD);
    JsonObject template = ready.copy();
    template.remove("session_id");
    template.put("guilds", cache.readyGuilds());
    List<ReadySnapshot.GuildPayload> guilds = new ArrayList<>(cache.guildCount());
    for (String guildId : cache.guildIds()) {
      // A guild still loading after READY gets its GUILD_CREATE relayed live, as Discord sends it.
      if (!cache.isLoading(guildId)) {
        boolean available = cache.isAvailable(guildId);
        guilds.add(new ReadySnapshot.GuildPayload(available, cache.guildCreate(guildId, largeThreshold)));
      }
    }
    request.reply(new ReadySnapshot(relaySequence.getAsLong(), template.toBuffer(), guilds).toBuffer());
  }

  private void answerResume(Message<JsonObject> request) {
    long after = request.body().getLong("after_rseq", -1L);
    if (neededRseq(request) > relaySequence.getAsLong()) {
      if (ahead.size() < MAX_WAITING) {
        ahead.add(request);
      } else {
        request.fail(BUSY, "too many clients wait for this shard");
      }
      return;
    }
    List<GatewayFrame> frames = after < 0 ? null : window.after(after, clock.getAsLong());
    if (frames == null) {
      request.fail(GONE, "the replay window no longer reaches rseq " + after);
    } else {
      request.reply(FrameBatch.encode(frames));
    }
  }
}
