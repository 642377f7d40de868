package io.shardgate.config;

/**
 * A configuration problem the operator must fix. The message is one line that names the key (or
 * environment variable, or file position) and says what to do; the caller prints it and exits with
 * status 2.
 */
public final class ConfigException extends Exception {

  public ConfigException(String message) {
    super(oneLine(message));
  }

  public ConfigException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
