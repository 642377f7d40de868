package io.shardgate.cluster;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a shard's owner hands a client connection for an IDENTIFY: the READY {@code d} template (guilds
 * listed, no client session id yet), then one payload per guild, all reflecting the shard exactly up
 * to {@code rseq}. Travels as one Buffer so it crosses the event bus (local or clustered) unchanged.
 *
 * @param guilds per guild, the {@code d} of the GUILD_CREATE (or of the GUILD_DELETE for a guild in an
 *               outage) as JSON bytes
 */
public record ReadySnapshot(long rseq, Buffer ready, List<GuildPayload> guilds) {

  /** One guild's payload for the client, and whether it is a GUILD_CREATE or an outage's GUILD_DELETE. */
  public record GuildPayload(boolean available, Buffer data) {
    public String eventType() {
      return available ? "GUILD_CREATE" : "GUILD_DELETE";
    }
  }

  public Buffer toBuffer() {
    int size = 8 + 4 + ready.length() + 4;
    for (GuildPayload guild : guilds) {
      size += 1 + 4 + guild.data().length();
    }
    Buffer out = Buffer.buffer(size);
    out.appendLong(rseq).appendInt(ready.length()).appendBuffer(ready).appendInt(guilds.size());
    for (GuildPayload guild : guilds) {
      out.appendByte((byte) (guild.available() ? 1 : 0)).appendInt(guild.data().length()).appendBuffer(guild.data());
    }
    return out;
  }

  public static ReadySnapshot fromBuffer(Buffer in) {
    int pos = 0;
    long rseq = in.getLong(pos);
    pos += 8;
    int readyLength = in.getInt(pos);
    pos += 4;
    Buffer ready = in.slice(pos, pos + readyLength);
    pos += readyLength;
    int count = in.getInt(pos);
    pos += 4;
    List<GuildPayload> guilds = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean available = in.getByte(pos) == 1;
      int length = in.getInt(pos + 1);
      pos += 5;
      guilds.add(new GuildPayload(available, in.slice(pos, pos + length)));
      pos += length;
    }
    return new ReadySnapshot(rseq, ready, guilds);
  }
}
