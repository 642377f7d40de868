package io.shardgate.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloseCodeTest {

  @Test
  void every_code_from_4000_to_4014_except_4006_is_known() {
    for (int code = 3999; code <= 4015; code++) {
      Optional<CloseCode> closeCode = CloseCode.of(code);
      boolean exists = code >= 4000 && code <= 4014 && code != 4006;
      assertEquals(exists, closeCode.isPresent(), "code " + code);
      closeCode.ifPresent(found -> assertTrue(found.reason().endsWith(".")));
    }
    assertEquals(Optional.of(CloseCode.AUTHENTICATION_FAILED), CloseCode.of(4004));
    assertEquals("Authentication failed.", CloseCode.AUTHENTICATION_FAILED.reason());
  }

  @Test
  void fatal_codes_forbid_reconnecting_and_resuming() {
    Set<Integer> fatal = Set.of(4004, 4010, 4011, 4012, 4013, 4014);
    Set<Integer> newSession = Set.of(4007, 4009);
    for (CloseCode closeCode : CloseCode.values()) {
      int code = closeCode.code();
      assertEquals(!fatal.contains(code), closeCode.reconnect(), "reconnect " + code);
      assertEquals(!fatal.contains(code) && !newSession.contains(code), closeCode.resumable(), "resumable " + code);
    }
  }

  @Test
  void only_1000_and_1001_invalidate_a_session() {
    assertTrue(CloseCode.invalidatesSession(1000));
    assertTrue(CloseCode.invalidatesSession(1001));
    assertFalse(CloseCode.invalidatesSession(1006));
    assertFalse(CloseCode.invalidatesSession(4000));
    assertFalse(CloseCode.invalidatesSession(4900));
  }

  @Test
  void opcodes_have_readable_names() {
    assertEquals("REQUEST_CHANNEL_INFO", Opcodes.name(Opcodes.REQUEST_CHANNEL_INFO));
    assertEquals("UNKNOWN(5)", Opcodes.name(5));
  }
}
