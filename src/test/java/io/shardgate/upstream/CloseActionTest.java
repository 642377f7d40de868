package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CloseActionTest {

  @Test
  void fatal_codes_stop_the_shard() {
    for (int code : new int[] {4004, 4010, 4011, 4012, 4013, 4014}) {
      assertEquals(CloseAction.FATAL, CloseAction.forCode(code), "code " + code);
    }
  }

  @Test
  void codes_that_end_the_session_identify_anew() {
    assertEquals(CloseAction.IDENTIFY, CloseAction.forCode(4007));
    assertEquals(CloseAction.IDENTIFY, CloseAction.forCode(4009));
  }

  @Test
  void everything_else_resumes() {
    for (int code : new int[] {1000, 1001, 1006, 1011, 4000, 4001, 4002, 4003, 4005, 4008, 4900}) {
      assertEquals(CloseAction.RESUME, CloseAction.forCode(code), "code " + code);
    }
    assertEquals(CloseAction.RESUME, CloseAction.forCode(null), "a drop without close frame");
  }
}
