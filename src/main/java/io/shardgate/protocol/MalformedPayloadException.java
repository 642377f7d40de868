package io.shardgate.protocol;

/**
 * A gateway payload (or its transport compression) cannot be understood. The message is short and
 * never contains payload content, so it is safe to log even for client payloads that carry a token.
 * Discord answers such input with close code 4002 ({@link CloseCode#DECODE_ERROR}).
 */
public class MalformedPayloadException extends RuntimeException {

  public MalformedPayloadException(String message) {
    super(message);
  }

  public MalformedPayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
