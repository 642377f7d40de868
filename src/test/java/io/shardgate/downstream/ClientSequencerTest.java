package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.shardgate.protocol.GatewayFrame;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replays for a bot whose node died: its recorded cursor lags what it saw. */
class ClientSequencerTest {

  private final NonceRoutes routes = new NonceRoutes();
  private final List<String> cursorsMoved = new ArrayList<>();
  private final ClientSequencer sequencer = new ClientSequencer(routes, session -> cursorsMoved.add(session.id));

  @Test
  void a_replay_passes_over_what_the_bot_already_saw_and_numbers_the_rest() {
    // Recorded at READY: s 1..5 were READY and GUILD_CREATEs, at rseq 100.
    ClientSessions.Session session = session(100, 5);
    List<GatewayFrame> frames = List.of(event(101), event(102), event(103), event(104));
    List<Buffer> payloads = sequencer.replay(session, frames, 7); // the bot saw rseq 101 and 102 as s 6, 7
    assertEquals(2, payloads.size());
    assertEquals(8, sOf(payloads.get(0)));
    assertEquals(103, idOf(payloads.get(0)));
    assertEquals(9, sOf(payloads.get(1)));
  }

  @Test
  void a_replay_cannot_pass_over_a_member_chunk_addressed_on_another_node() {
    ClientSessions.Session session = session(100, 5);
    List<GatewayFrame> frames = List.of(event(101), chunk(102, "sg.deadbeef.1"), event(103));
    assertNull(sequencer.replay(session, frames, 7), "was s 7 the chunk or event 103? it cannot be told");
  }

  @Test
  void a_replay_cannot_reach_an_s_beyond_the_frames() {
    ClientSessions.Session session = session(100, 5);
    assertNull(sequencer.replay(session, List.of(event(101)), 9));
  }

  @Test
  void a_plain_replay_skips_another_client_chunk_and_records_the_break() {
    ClientSessions.Session session = session(100, 5);
    List<GatewayFrame> frames = List.of(event(101), chunk(102, "sg.deadbeef.1"), event(103));
    List<Buffer> payloads = sequencer.replay(session, frames, -1);
    assertEquals(2, payloads.size());
    assertEquals(List.of(6L, 7L), List.of(sOf(payloads.get(0)), sOf(payloads.get(1))));
    assertEquals(103, session.cursor.afterRseq(7));
    assertEquals(List.of("me"), cursorsMoved);
  }

  private static ClientSessions.Session session(long rseq, long lastS) {
    return new ClientSessions.Session("me", 0, new ClientCursor(rseq, lastS));
  }

  private static GatewayFrame event(long rseq) {
    return frame(rseq, "{\"op\":0,\"t\":\"TEST_EVENT\",\"s\":" + rseq + ",\"d\":{\"id\":" + rseq + "}}");
  }

  private static GatewayFrame chunk(long rseq, String nonce) {
    return frame(rseq, "{\"op\":0,\"t\":\"GUILD_MEMBERS_CHUNK\",\"s\":" + rseq + ",\"d\":{\"id\":" + rseq
        + ",\"nonce\":\"" + nonce + "\"}}");
  }

  private static GatewayFrame frame(long rseq, String json) {
    return GatewayFrame.scan(0, rseq, json.getBytes(StandardCharsets.UTF_8));
  }

  private static long sOf(Buffer payload) {
    return new JsonObject(payload).getLong("s");
  }

  private static long idOf(Buffer payload) {
    return new JsonObject(payload).getJsonObject("d").getLong("id");
  }
}
