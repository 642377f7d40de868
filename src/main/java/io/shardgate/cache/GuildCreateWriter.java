package io.shardgate.cache;

import io.vertx.core.buffer.Buffer;

/**
 * Writes a GUILD_CREATE {@code d} from a {@link GuildState} by concatenating the stored JSON: the
 * guild's own fields, {@code member_count}, {@code large} (as the receiving session's
 * {@code large_threshold} makes it), then every array. Arrays of collections the flags do not
 * keep are written empty, as gateway-proxy sends them (its guild model serializes empty lists).
 */
final class GuildCreateWriter {
  private static final int SEPARATORS_PER_ARRAY = 6; // ,"":[]
  private static final int MEMBER_COUNT_ROOM = 32;

  private GuildCreateWriter() {
  }

  static Buffer write(GuildState guild, int largeThreshold) {
    byte[] fields = guild.fields();
    Buffer out = Buffer.buffer(sizeHint(guild));
    // The fields are a whole JSON object: reuse it without its closing brace.
    out.appendBytes(fields, 0, fields.length - 1);
    boolean empty = fields.length <= 2;
    out.appendString((empty ? "" : ",") + "\"member_count\":" + guild.memberCount()
        + ",\"large\":" + (guild.memberCount() > largeThreshold));
    for (GuildCollection collection : GuildCollection.ALL) {
      out.appendString(",\"" + collection.key + "\":[");
      EntityTable table = guild.table(collection);
      if (table != null) {
        appendJoined(out, table);
      }
      out.appendByte((byte) ']');
    }
    return out.appendByte((byte) '}');
  }

  /** What a client gets for a guild in an outage: GUILD_DELETE's {@code d}. */
  static Buffer unavailable(long guildId) {
    return Buffer.buffer("{\"id\":\"" + guildId + "\",\"unavailable\":true}");
  }

  private static void appendJoined(Buffer out, EntityTable table) {
    boolean[] first = {true};
    table.forEach(item -> {
      if (!first[0]) {
        out.appendByte((byte) ',');
      }
      first[0] = false;
      out.appendBytes(item);
    });
  }

  private static int sizeHint(GuildState guild) {
    long size = guild.fields().length + MEMBER_COUNT_ROOM;
    for (GuildCollection collection : GuildCollection.ALL) {
      size += collection.key.length() + SEPARATORS_PER_ARRAY;
      EntityTable table = guild.table(collection);
      if (table != null) {
        size += table.jsonBytes() + table.size();
      }
    }
    return (int) Math.min(Integer.MAX_VALUE - 8, size);
  }
}
