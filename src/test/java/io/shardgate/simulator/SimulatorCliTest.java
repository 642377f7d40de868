package io.shardgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimulatorCliTest {
  @Test
  void parses_every_flag() {
    SimulatorOptions options = SimulatorCli.parse(new String[] {"--port", "8090", "--shards", "4", "--guilds", "100",
        "--rate", "250.5", "--token", "secret-token", "--seed", "7", "--max-concurrency", "2",
        "--heartbeat-interval", "1000", "--host", "0.0.0.0", "--tag-events"}).validate();
    assertEquals(8090, options.port());
    assertEquals(4, options.shards());
    assertEquals(100, options.guilds());
    assertEquals(250.5, options.rate());
    assertEquals("secret-token", options.token());
    assertEquals(7, options.seed());
    assertEquals(2, options.maxConcurrency());
    assertEquals(1000, options.heartbeatIntervalMs());
    assertEquals("0.0.0.0", options.host());
    assertTrue(options.tagEvents());
  }

  @Test
  void bad_flags_fail_with_a_message_that_names_them() {
    assertEquals("unknown flag --bogus",
        assertThrows(IllegalArgumentException.class, () -> SimulatorCli.parse(new String[] {"--bogus", "1"})).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> SimulatorCli.parse(new String[] {"--shards", "many"})).getMessage().contains("--shards"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> SimulatorCli.parse(new String[] {"--shards", "2"}).validate()).getMessage().contains("token"));
  }

  @Test
  void the_announcement_has_urls_and_settings_but_never_the_token(Vertx vertx) {
    SimulatorOptions options = SimTestSupport.options().token("do-not-print-me");
    DiscordSimulator simulator = SimTestSupport.start(vertx, options);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SimulatorCli.announce(new PrintStream(out, true, StandardCharsets.UTF_8), simulator);
    String line = out.toString(StandardCharsets.UTF_8);
    assertTrue(line.contains(simulator.restBaseUrl()), line);
    assertTrue(line.contains(simulator.gatewayUrl()), line);
    assertTrue(line.contains("shards=2"), line);
    assertFalse(line.contains("do-not-print-me"), line);
    assertEquals(1, line.lines().count());
    assertFalse(options.toJson().encode().contains("do-not-print-me"));
    SimTestSupport.await(simulator.stop());
  }
}
