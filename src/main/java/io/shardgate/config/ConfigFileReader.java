package io.shardgate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads config.json with Jackson so that a malformed file is reported as "config.json:3:17: ...",
 * and rejects what serde would reject too (duplicate keys, trailing content).
 */
final class ConfigFileReader {

  /** A config file is a few hundred bytes; anything this big is the wrong file. */
  static final long MAX_CONFIG_FILE_BYTES = 1024 * 1024;

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final Pattern LONG_QUOTED = Pattern.compile("'[^']{16,}'");

  private ConfigFileReader() {
  }

  /** Reads and parses the file; {@code displayName} is how messages name it. */
  static JsonObject read(Path path, String displayName) throws ConfigException {
    String text;
    try {
      long size = Files.size(path);
      if (size > MAX_CONFIG_FILE_BYTES) {
        throw new ConfigException(displayName + ": " + size + " bytes is too large for a config "
            + "file (at most " + MAX_CONFIG_FILE_BYTES + "); check the path");
      }
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(displayName + ": no such file; create it or fix the path", e);
    } catch (IOException e) {
      throw new ConfigException(displayName + ": cannot read it (" + e.getMessage()
          + "); check the path and its permissions", e);
    }
    return parseObject(text, displayName);
  }

  /** Parses a JSON object; any other JSON, or malformed JSON, is a problem at a line and column. */
  static JsonObject parseObject(String text, String displayName) throws ConfigException {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(at(displayName, e.getLocation())
          + redactLongQuotes(e.getOriginalMessage()) + "; fix the JSON there", e);
    }
    if (node == null || node.isMissingNode()) {
      throw new ConfigException(displayName + ": empty; write a JSON object such as {\"intents\": "
          + "32511}");
    }
    if (!node.isObject()) {
      throw new ConfigException(displayName + ":1:1: the top level must be a JSON object {...}, "
          + "not " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = MAPPER.convertValue(node, Map.class);
    return new JsonObject(map);
  }

  /**
   * Jackson quotes the offending text ("Unrecognized token 'MTIz...'"), which could be a token
   * written without quotes; long quoted runs are dropped so a token never reaches the log.
   */
  private static String redactLongQuotes(String message) {
    return LONG_QUOTED.matcher(message).replaceAll("'<redacted>'");
  }

  private static String at(String displayName, JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return displayName + ": ";
    }
    return displayName + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }
}
