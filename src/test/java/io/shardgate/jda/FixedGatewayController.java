package io.shardgate.jda;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * JDA's session controller with the gateway URL fixed to ours. JDA asks its controller for the
 * gateway URL on every fresh connection (a RESUME goes to READY's {@code resume_gateway_url}
 * instead) and appends {@code ?encoding=json&v=10&compress=zlib-stream} itself, so the URL given here
 * is the bare base, exactly as {@code GET /gateway/bot} would return it. Identify queueing (one
 * connection per 5 s per bucket) is inherited unchanged, as a real bot has it.
 */
final class FixedGatewayController extends ConcurrentSessionController {
  private final String gatewayUrl;
  private final int shardTotal;

  FixedGatewayController(String gatewayUrl, int shardTotal) {
    this.gatewayUrl = gatewayUrl;
    this.shardTotal = shardTotal;
  }

  @Override
  public String getGateway() {
    return gatewayUrl;
  }

  /** Only a ShardManager asks for this; answering without REST keeps the URL ours there too. */
  @Override
  public ShardedGateway getShardedGateway(JDA api) {
    return new ShardedGateway(gatewayUrl, shardTotal, 1);
  }
}
