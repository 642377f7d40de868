package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GatewayUrlsTest {

  @Test
  void adds_the_query_to_discords_bare_url() {
    assertEquals("wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream",
        GatewayUrls.withQuery("wss://gateway.discord.gg"));
  }

  @Test
  void keeps_a_resume_path_and_replaces_a_stale_query() {
    assertEquals("ws://127.0.0.1:9/resume?v=10&encoding=json&compress=zlib-stream",
        GatewayUrls.withQuery("ws://127.0.0.1:9/resume"));
    assertEquals("wss://gateway-us-east1-b.discord.gg/?v=10&encoding=json&compress=zlib-stream",
        GatewayUrls.withQuery("wss://gateway-us-east1-b.discord.gg/?v=9"));
  }
}
