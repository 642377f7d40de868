package io.shardgate.simulator;

import java.util.Random;

/**
 * The kinds of dispatch {@link SimWorld#nextEvent} draws, with relative weights shaped like a real
 * bot's traffic: mostly messages, typing and presences, rarely structural changes or joins/leaves.
 */
enum SimWorldEventKind {
  MESSAGE_CREATE(400),
  TYPING_START(140),
  PRESENCE_UPDATE(140),
  GUILD_MEMBER_UPDATE(40),
  VOICE_STATE_UPDATE(40),
  GUILD_MEMBER_ADD(30),
  GUILD_MEMBER_REMOVE(20),
  CHANNEL_UPDATE(20),
  THREAD_CREATE(20),
  DIRECT_MESSAGE(20),
  THREAD_UPDATE(15),
  CHANNEL_CREATE(10),
  CHANNEL_DELETE(10),
  THREAD_DELETE(8),
  GUILD_ROLE_CREATE(8),
  GUILD_ROLE_UPDATE(8),
  GUILD_ROLE_DELETE(8),
  GUILD_UPDATE(8),
  GUILD_JOIN(2),
  GUILD_LEAVE(2);

  private static final SimWorldEventKind[] KINDS = values();
  private static final int TOTAL_WEIGHT = totalWeight();

  private final int weight;

  SimWorldEventKind(int weight) {
    this.weight = weight;
  }

  static SimWorldEventKind pick(Random random) {
    int roll = random.nextInt(TOTAL_WEIGHT);
    for (SimWorldEventKind kind : KINDS) {
      roll -= kind.weight;
      if (roll < 0) {
        return kind;
      }
    }
    throw new IllegalStateException("weights do not add up");
  }

  private static int totalWeight() {
    int total = 0;
    for (SimWorldEventKind kind : values()) {
      total += kind.weight;
    }
    return total;
  }
}
