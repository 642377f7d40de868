package io.shardgate.upstream;

/** Builds the URL a shard connects to from the {@code url} or {@code resume_gateway_url} Discord gave. */
final class GatewayUrls {

  static final String QUERY = "v=10&encoding=json&compress=zlib-stream";

  private GatewayUrls() {
  }

  /** {@code wss://gateway.discord.gg} → {@code wss://gateway.discord.gg/?v=10&encoding=json&compress=zlib-stream}. */
  static String withQuery(String base) {
    int schemeEnd = base.indexOf("://");
    if (schemeEnd < 0) {
      throw new IllegalArgumentException("gateway url without scheme: " + base);
    }
    String url = base;
    int queryStart = url.indexOf('?');
    if (queryStart >= 0) {
      // Discord's own URLs carry no query; a stale one from a config would conflict with ours.
      url = url.substring(0, queryStart);
    }
    if (url.indexOf('/', schemeEnd + 3) < 0) {
      url = url + "/";
    }
    return url + "?" + QUERY;
  }
}
