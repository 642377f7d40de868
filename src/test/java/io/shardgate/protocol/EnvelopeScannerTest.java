package io.shardgate.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeScannerTest {

  private static final String D = "{\"id\":\"1\",\"content\":\"hi\"}";

  private static Envelope scan(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return EnvelopeScanner.scan(bytes, 0, bytes.length);
  }

  private static String slice(String json, int start, int end) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  private static void assertDispatch(String json, long s, String t) {
    Envelope envelope = scan(json);
    assertEquals(0, envelope.op(), json);
    assertTrue(envelope.isDispatch());
    assertEquals(s, envelope.s(), json);
    assertEquals(t, envelope.t(), json);
    assertEquals(Long.toString(s), slice(json, envelope.sStart(), envelope.sEnd()));
    assertEquals("\"" + t + "\"", slice(json, envelope.tStart(), envelope.tEnd()));
    assertEquals(D, slice(json, envelope.dStart(), envelope.dEnd()));
  }

  static Stream<String> everyKeyOrder() {
    List<String> members = List.of("\"op\":0", "\"s\":42", "\"t\":\"MESSAGE_CREATE\"", "\"d\":" + D);
    List<String> payloads = new ArrayList<>();
    permute(new ArrayList<>(members), 0, payloads);
    return payloads.stream();
  }

  private static void permute(List<String> members, int from, List<String> out) {
    if (from == members.size()) {
      out.add("{" + String.join(",", members) + "}");
      return;
    }
    for (int i = from; i < members.size(); i++) {
      java.util.Collections.swap(members, from, i);
      permute(members, from + 1, out);
      java.util.Collections.swap(members, from, i);
    }
  }

  @ParameterizedTest
  @MethodSource("everyKeyOrder")
  void finds_every_key_in_every_order(String json) {
    assertDispatch(json, 42, "MESSAGE_CREATE");
  }

  @Test
  void every_key_order_is_covered() {
    assertEquals(24, everyKeyOrder().distinct().count());
  }

  @Test
  void accepts_json_whitespace_everywhere() {
    String json = " \r\n\t{ \n\"t\"\t:\r\"MESSAGE_CREATE\" ,\n \"s\" : 42 ,\"d\"\n:\n" + D + "\t,\r\n\"op\" :\t0 \n}\r\n ";
    assertDispatch(json, 42, "MESSAGE_CREATE");
  }

  @Test
  void null_sequence_and_type_have_no_value_but_s_keeps_its_position() {
    String json = "{\"op\":11,\"s\":null,\"t\":null,\"d\":null}";
    Envelope envelope = scan(json);
    assertEquals(11, envelope.op());
    assertFalse(envelope.isDispatch());
    assertEquals(-1, envelope.s());
    assertEquals("null", slice(json, envelope.sStart(), envelope.sEnd()));
    assertNull(envelope.t());
    assertEquals(-1, envelope.tStart());
    assertEquals(-1, envelope.tEnd());
    assertEquals("null", slice(json, envelope.dStart(), envelope.dEnd()));
  }

  @Test
  void missing_keys_are_reported_as_absent() {
    Envelope envelope = scan("{\"op\":1}");
    assertEquals(1, envelope.op());
    assertEquals(-1, envelope.s());
    assertEquals(-1, envelope.sStart());
    assertEquals(-1, envelope.sEnd());
    assertNull(envelope.t());
    assertEquals(-1, envelope.dStart());
    assertEquals(-1, envelope.dEnd());
  }

  @Test
  void empty_object_has_no_keys_at_all() {
    Envelope envelope = scan("{}");
    assertEquals(-1, envelope.op());
    assertEquals(-1, envelope.sStart());
    assertEquals(-1, envelope.tStart());
    assertEquals(-1, envelope.dStart());
  }

  @Test
  void keys_nested_in_d_objects_are_not_the_envelope() {
    String d = "{\"s\":7,\"t\":\"DECOY\",\"op\":9,\"d\":{\"s\":8,\"op\":3}}";
    String json = "{\"d\":" + d + ",\"op\":0,\"s\":5,\"t\":\"GUILD_CREATE\"}";
    Envelope envelope = scan(json);
    assertEquals(0, envelope.op());
    assertEquals(5, envelope.s());
    assertEquals("GUILD_CREATE", envelope.t());
    assertEquals(d, slice(json, envelope.dStart(), envelope.dEnd()));
  }

  @Test
  void keys_nested_in_d_arrays_are_not_the_envelope() {
    String d = "[{\"s\":7},[\"s\",\"t\",{\"op\":2}],{\"t\":null}]";
    String json = "{\"d\":" + d + ",\"op\":0,\"t\":\"X\"}";
    Envelope envelope = scan(json);
    assertEquals(0, envelope.op());
    assertEquals(-1, envelope.sStart());
    assertEquals("X", envelope.t());
    assertEquals(d, slice(json, envelope.dStart(), envelope.dEnd()));
  }

  @Test
  void key_lookalikes_inside_strings_are_skipped() {
    String d = "{\"content\":\"\\\"s\\\":5,\\\"t\\\":\\\"X\\\"}\",\"op\":\"\\\"op\\\":3\"}";
    String json = "{\"op\":0,\"d\":" + d + ",\"s\":6,\"t\":\"MESSAGE_CREATE\"}";
    Envelope envelope = scan(json);
    assertEquals(6, envelope.s());
    assertEquals("MESSAGE_CREATE", envelope.t());
    assertEquals(d, slice(json, envelope.dStart(), envelope.dEnd()));
  }

  @Test
  void escaped_backslashes_before_a_quote_end_the_string() {
    // "a\\" is the string a\ ; the quote after the two backslashes closes it.
    String json = "{\"d\":{\"path\":\"C:\\\\\",\"x\":\"\\\\\\\"\"},\"s\":3,\"op\":0,\"t\":\"T\"}";
    Envelope envelope = scan(json);
    assertEquals(3, envelope.s());
    assertEquals("{\"path\":\"C:\\\\\",\"x\":\"\\\\\\\"\"}", slice(json, envelope.dStart(), envelope.dEnd()));
  }

  @Test
  void unicode_escapes_are_skipped_and_decoded() {
    String json = "{\"d\":\"\\u0022s\\u0022:1 \\uD83D\\uDE00 é\",\"op\":0,\"s\":1,"
        + "\"t\":\"MESSAGE\\u005fCREATE\"}";
    Envelope envelope = scan(json);
    assertEquals(1, envelope.s());
    assertEquals("MESSAGE_CREATE", envelope.t());
  }

  @Test
  void escaped_top_level_key_still_counts() {
    Envelope envelope = scan("{\"\\u0073\":12,\"o\\u0070\":0}");
    assertEquals(12, envelope.s());
    assertEquals(0, envelope.op());
  }

  @Test
  void non_ascii_event_name_is_decoded_as_utf8() {
    assertEquals("ÉVÉNEMENT_😀", scan("{\"op\":0,\"t\":\"ÉVÉNEMENT_😀\"}").t());
  }

  @Test
  void common_event_names_are_shared_instances() {
    String first = scan("{\"op\":0,\"t\":\"PRESENCE_UPDATE\",\"s\":1}").t();
    String second = scan("{\"t\":\"PRESENCE_UPDATE\",\"op\":0,\"s\":2}").t();
    assertEquals("PRESENCE_UPDATE", first);
    assertSame(first, second);
  }

  @Test
  void large_numbers_are_read_exactly() {
    assertEquals(Long.MAX_VALUE, scan("{\"s\":9223372036854775807}").s());
    assertEquals(Integer.MAX_VALUE, scan("{\"op\":2147483647}").op());
    String d = "[1e400,-0.5E-10,123456789012345678901234567890,-0,0.0e+0]";
    String json = "{\"op\":0,\"d\":" + d + "}";
    Envelope envelope = scan(json);
    assertEquals(d, slice(json, envelope.dStart(), envelope.dEnd()));
  }

  @Test
  void every_value_type_can_be_skipped() {
    String json = "{\"a\":true,\"b\":false,\"c\":null,\"e\":-12.5e3,\"f\":[],\"g\":{},\"h\":[[[]]],"
        + "\"i\":\"\",\"d\":[true,false,null,{\"k\":[{}]}],\"op\":4}";
    Envelope envelope = scan(json);
    assertEquals(4, envelope.op());
    assertEquals("[true,false,null,{\"k\":[{}]}]", slice(json, envelope.dStart(), envelope.dEnd()));
  }

  @Test
  void scans_a_slice_of_a_larger_array_with_relative_positions() {
    String json = "{\"op\":0,\"s\":9,\"t\":\"A\",\"d\":1}";
    byte[] padded = ("garbage" + json + "more").getBytes(StandardCharsets.UTF_8);
    Envelope envelope = EnvelopeScanner.scan(padded, 7, json.length());
    assertEquals(9, envelope.s());
    assertEquals("9", slice(json, envelope.sStart(), envelope.sEnd()));
    assertEquals("A", envelope.t());
  }

  @Test
  void scans_a_vertx_buffer() {
    Envelope envelope = EnvelopeScanner.scan(Buffer.buffer("{\"op\":0,\"s\":3,\"t\":\"READY\",\"d\":{}}"));
    assertEquals(3, envelope.s());
    assertEquals("READY", envelope.t());
  }

  @Test
  void deep_nesting_within_the_bound_is_skipped() {
    int depth = EnvelopeScanner.MAX_NESTING_DEPTH - 1;
    String d = "[{\"a\":".repeat(depth / 2) + "1" + "}]".repeat(depth / 2);
    Envelope envelope = scan("{\"d\":" + d + ",\"op\":0}");
    assertEquals(0, envelope.op());
  }

  static Stream<Arguments> malformedPayloads() {
    return Stream.of(
        Arguments.of("empty input", ""),
        Arguments.of("only whitespace", "  \n"),
        Arguments.of("top level array", "[{\"op\":0}]"),
        Arguments.of("top level string", "\"op\""),
        Arguments.of("unterminated object", "{\"op\":0"),
        Arguments.of("unterminated object after comma", "{\"op\":0,"),
        Arguments.of("unterminated key", "{\"op"),
        Arguments.of("unterminated string value", "{\"op\":0,\"t\":\"MESS"),
        Arguments.of("unterminated string ending in backslash", "{\"op\":0,\"d\":\"abc\\"),
        Arguments.of("unterminated unicode escape", "{\"d\":\"\\u00"),
        Arguments.of("invalid unicode escape", "{\"d\":\"\\u00zz\"}"),
        Arguments.of("invalid escape", "{\"d\":\"\\x\"}"),
        Arguments.of("raw control character in string", "{\"d\":\"a\u0001b\"}"),
        Arguments.of("unterminated nested object", "{\"op\":0,\"d\":{\"a\":[1,2}"),
        Arguments.of("mismatched brackets", "{\"d\":[1}]}"),
        Arguments.of("missing colon", "{\"op\" 0}"),
        Arguments.of("missing comma", "{\"op\":0 \"s\":1}"),
        Arguments.of("trailing comma", "{\"op\":0,}"),
        Arguments.of("trailing comma in d", "{\"d\":[1,],\"op\":0}"),
        Arguments.of("unquoted key", "{op:0}"),
        Arguments.of("single quotes", "{'op':0}"),
        Arguments.of("trailing data", "{\"op\":0}x"),
        Arguments.of("two objects", "{\"op\":0}{\"op\":1}"),
        Arguments.of("op as string", "{\"op\":\"0\"}"),
        Arguments.of("op as fraction", "{\"op\":1.5}"),
        Arguments.of("op with exponent", "{\"op\":1e2}"),
        Arguments.of("op negative", "{\"op\":-1}"),
        Arguments.of("op null", "{\"op\":null}"),
        Arguments.of("op leading zero", "{\"op\":01}"),
        Arguments.of("op too large", "{\"op\":2147483648}"),
        Arguments.of("s as string", "{\"s\":\"5\"}"),
        Arguments.of("s negative", "{\"s\":-5}"),
        Arguments.of("s fraction", "{\"s\":5.0}"),
        Arguments.of("s too large", "{\"s\":9223372036854775808}"),
        Arguments.of("s truncated null", "{\"s\":nul"),
        Arguments.of("t as number", "{\"t\":5}"),
        Arguments.of("duplicate s", "{\"s\":1,\"s\":2}"),
        Arguments.of("duplicate op via escape", "{\"op\":1,\"\\u006fp\":2}"),
        Arguments.of("bad literal", "{\"d\":tru}"),
        Arguments.of("bad literal word", "{\"d\":nope}"),
        Arguments.of("bare minus", "{\"d\":-}"),
        Arguments.of("fraction without digits", "{\"d\":1.}"),
        Arguments.of("exponent without digits", "{\"d\":1e+}"),
        Arguments.of("leading zero in d number", "{\"d\":012}"),
        Arguments.of("value missing", "{\"d\":}"),
        Arguments.of("nesting too deep", "{\"d\":" + "[".repeat(EnvelopeScanner.MAX_NESTING_DEPTH + 1) + "}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedPayloads")
  void malformed_payload_is_rejected_with_a_malformed_payload_exception(String name, String json) {
    assertThrows(MalformedPayloadException.class, () -> scan(json));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8, 13})
  void every_truncation_of_a_valid_payload_is_rejected_cleanly(int step) {
    String json = "{\"op\":0,\"s\":12,\"t\":\"A\\\"B\",\"d\":{\"x\":[1,-2.5e3,\"\\u0041\",true,null]}}";
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    for (int length = 0; length < bytes.length; length += step) {
      int cut = length;
      assertThrows(MalformedPayloadException.class, () -> EnvelopeScanner.scan(bytes, 0, cut), () -> "cut at " + cut);
    }
    assertEquals(12, EnvelopeScanner.scan(bytes, 0, bytes.length).s());
  }

  @Test
  void random_garbage_never_escapes_as_another_exception() {
    java.util.Random random = new java.util.Random(7);
    byte[] alphabet = "{}[]\":,\\ u0123456789.eE+-tfnrlasopd".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(24)];
      for (int j = 0; j < bytes.length; j++) {
        bytes[j] = j == 0 && random.nextBoolean() ? (byte) '{' : alphabet[random.nextInt(alphabet.length)];
      }
      try {
        EnvelopeScanner.scan(bytes, 0, bytes.length);
      } catch (MalformedPayloadException expected) {
        // fine: garbage is rejected; any other exception fails the test
      }
    }
  }
}
