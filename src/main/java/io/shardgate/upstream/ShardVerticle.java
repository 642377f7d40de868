package io.shardgate.upstream;

import io.shardgate.cluster.EventBusAddresses;
import io.shardgate.protocol.Envelope;
import io.shardgate.protocol.GatewayFrame;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.Random;

/**
 * Holds one shard's Discord session and publishes every dispatch it relays to
 * {@code shardgate.shard.<id>.dispatch} as a raw {@link GatewayFrame}, numbered with the shard's relay
 * sequence. Gateway commands from clients arrive on {@code shardgate.shard.<id>.command}.
 */
public final class ShardVerticle extends VerticleBase {

  /** Discord's GUILD_CREATEs for large guilds run to megabytes; compressed frames are smaller. */
  private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

  private final ShardOptions options;
  private final IdentifyQueue identifyQueue;
  private final ShardStatusRegistry registry;
  private final GatewaySession resumeFrom;
  private WebSocketClient client;
  private ShardConnection connection;
  private MessageConsumer<String> commands;
  private long relaySequence;

  public ShardVerticle(ShardOptions options, IdentifyQueue identifyQueue, ShardStatusRegistry registry,
      GatewaySession resumeFrom) {
    this.options = options;
    this.identifyQueue = identifyQueue;
    this.registry = registry;
    this.resumeFrom = resumeFrom;
  }

  @Override
  public Future<?> start() {
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(MAX_FRAME_BYTES)
        .setMaxMessageSize(MAX_FRAME_BYTES)
        .setTryUsePerMessageCompression(false)
        .setClosingTimeout(2));
    connection = new ShardConnection(options, client, identifyQueue, new VertxScheduler(vertx),
        new Relay(), new Random());
    commands = vertx.eventBus().consumer(EventBusAddresses.shardCommand(options.shardId()), message ->
        connection.submitCommand(message.body()).onComplete(ar -> {
          if (ar.succeeded()) {
            message.reply(null);
          } else {
            message.fail(429, ar.cause().getMessage());
          }
        }));
    return commands.completion().onSuccess(v -> connection.start(resumeFrom));
  }

  @Override
  public Future<?> stop() {
    return Future.join(connection.stop(), commands.unregister())
        .eventually(() -> client.close())
        .onComplete(ar -> registry.remove(options.shardId()));
  }

  public ShardStatus status() {
    return connection.status();
  }

  private final class Relay implements ShardConnection.Listener {
    private final String address = EventBusAddresses.shardDispatch(options.shardId());

    @Override
    public void onDispatch(byte[] payload, Envelope envelope) {
      GatewayFrame frame = GatewayFrame.of(options.shardId(), ++relaySequence, payload, envelope);
      vertx.eventBus().publish(address, frame);
    }

    @Override
    public void onStatus(ShardStatus status) {
      registry.update(status);
    }
  }
}
