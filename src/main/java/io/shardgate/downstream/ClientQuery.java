package io.shardgate.downstream;

import io.shardgate.protocol.CloseCode;

/** The gateway URL's query ({@code v}, {@code encoding}, {@code compress}) and whether we can serve it. */
record ClientQuery(ClientTransport.Compression compression, CloseCode refusal, String refusalReason) {

  static ClientQuery parse(String query) {
    String version = null;
    String encoding = null;
    String compress = null;
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        switch (key) {
          case "v" -> version = value;
          case "encoding" -> encoding = value;
          case "compress" -> compress = value;
          default -> {
          }
        }
      }
    }
    if (version != null && !version.equals("10") && !version.equals("9")) {
      return refuse(CloseCode.INVALID_API_VERSION, "Invalid API version: shardgate speaks v=10 (and 9).");
    }
    if (encoding != null && !encoding.equals("json")) {
      return refuse(CloseCode.DECODE_ERROR, "Unsupported encoding \"" + encoding + "\": use encoding=json.");
    }
    if (compress == null || compress.isEmpty()) {
      return new ClientQuery(ClientTransport.Compression.NONE, null, null);
    }
    if (compress.equals("zlib-stream")) {
      return new ClientQuery(ClientTransport.Compression.ZLIB_STREAM, null, null);
    }
    return refuse(CloseCode.DECODE_ERROR, "Unsupported compress \"" + compress + "\": use zlib-stream or none.");
  }

  private static ClientQuery refuse(CloseCode code, String reason) {
    return new ClientQuery(ClientTransport.Compression.NONE, code, reason);
  }
}
