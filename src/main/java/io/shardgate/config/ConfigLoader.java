package io.shardgate.config;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the config synchronously, before Vert.x exists (the config decides whether it is clustered):
 * defaults &lt; config file &lt; environment, then {@link ConfigValidator}. Plain Jackson instead of
 * vertx-config's ConfigRetriever, which needs a Vert.x instance and reports no line and column.
 */
public final class ConfigLoader {

  public static final String CONFIG_ARG = "--config";
  public static final String CONFIG_ENV = "SHARDGATE_CONFIG";
  /** gateway-proxy's fallback for a token absent from config.json. */
  public static final String TOKEN_ENV = "TOKEN";
  public static final String DEFAULT_FILE_NAME = "config.json";

  private ConfigLoader() {
  }

  /** Loads for real Discord: token, intents and externally_accessible_url are required. */
  public static ShardgateConfig load(String[] args, Map<String, String> env, Path workingDir)
      throws ConfigException {
    return load(args, env, workingDir, true);
  }

  /**
   * Finds the file ({@code --config PATH} or {@code --config=PATH}, else $SHARDGATE_CONFIG, else
   * {@code workingDir/config.json} if it exists), applies the environment and validates. A missing
   * file that was asked for is an error; a missing default file means defaults and environment only.
   *
   * @param requireToken false for the offline demo: token, intents and externally_accessible_url may
   *     then be absent (no token, intents 0, ws://localhost:{port})
   */
  public static ShardgateConfig load(String[] args, Map<String, String> env, Path workingDir,
      boolean requireToken) throws ConfigException {
    String explicit = configArgument(args);
    String source = explicit != null ? CONFIG_ARG : CONFIG_ENV;
    if (explicit == null) {
      String fromEnv = env.get(CONFIG_ENV);
      explicit = fromEnv == null || fromEnv.isBlank() ? null : fromEnv.trim();
    }
    JsonObject fileJson;
    if (explicit != null) {
      fileJson = ConfigFileReader.read(workingDir.resolve(explicit), explicit + " (from " + source
          + ")");
    } else {
      Path defaultFile = workingDir.resolve(DEFAULT_FILE_NAME);
      fileJson = Files.exists(defaultFile)
          ? ConfigFileReader.read(defaultFile, DEFAULT_FILE_NAME)
          : new JsonObject();
    }
    return load(fileJson, env, requireToken);
  }

  /** Applies the environment over an already parsed config.json and validates; token required. */
  public static ShardgateConfig load(JsonObject fileJson, Map<String, String> env)
      throws ConfigException {
    return load(fileJson, env, true);
  }

  public static ShardgateConfig load(JsonObject fileJson, Map<String, String> env,
      boolean requireToken) throws ConfigException {
    JsonObject merged = fileJson.copy();
    Map<String, String> origins = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    EnvOverrides.apply(merged, env, origins, warnings);
    applyTokenFallback(merged, env, origins);
    ConfigValidator.Report report = ConfigValidator.check(merged, requireToken, origins);
    ConfigValidator.throwIfProblems(report);
    warnings.addAll(report.warnings());
    return new ShardgateConfig(merged, warnings);
  }

  /** TOKEN applies only when neither the file nor SHARDGATE_TOKEN gave a token, as in gateway-proxy. */
  private static void applyTokenFallback(JsonObject merged, Map<String, String> env,
      Map<String, String> origins) {
    String fallback = env.get(TOKEN_ENV);
    if (JsonValues.isBlank(merged.getValue("token")) && !JsonValues.isBlank(fallback)) {
      merged.put("token", fallback.trim());
      origins.put("token", TOKEN_ENV);
    }
  }

  /** The value of --config PATH or --config=PATH; other arguments belong to other parts. */
  private static String configArgument(String[] args) throws ConfigException {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith(CONFIG_ARG + "=")) {
        return nonBlank(args[i].substring(CONFIG_ARG.length() + 1));
      }
      if (args[i].equals(CONFIG_ARG)) {
        return nonBlank(i + 1 < args.length ? args[i + 1] : "");
      }
    }
    return null;
  }

  private static String nonBlank(String path) throws ConfigException {
    if (path.isBlank()) {
      throw new ConfigException(CONFIG_ARG + " needs a path: " + CONFIG_ARG + " /etc/shardgate/"
          + DEFAULT_FILE_NAME);
    }
    return path;
  }
}
