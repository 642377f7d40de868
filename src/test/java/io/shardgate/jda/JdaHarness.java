package io.shardgate.jda;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.internal.JDAImpl;
import okhttp3.OkHttpClient;

/**
 * A real JDA bot pointed at a Discord stand-in (the simulator, or shardgate's client-facing gateway):
 * REST at {@code restBaseUrl}, the gateway at {@code gatewayUrl}, one shard of {@code shardTotal}.
 * Nothing else differs from a production bot: zlib-stream JSON on gateway v10, every intent, every
 * member cached and chunked at login (so op 8 round-trips too), automatic RESUME.
 *
 * <p>{@link #connect} returns once JDA fired READY (all guilds set up), or fails within the timeout.
 * Every event is recorded from before login, so {@link #await} never misses one that came first.
 */
public final class JdaHarness implements AutoCloseable {
  /** Close code for a client-side drop: any code but 1000/1001 keeps the session resumable. */
  public static final int RESUMABLE_CLOSE_CODE = 4000;
  /**
   * IDENTIFY's large_threshold: JDA's minimum, so that every guild above 50 members is "large" and
   * gets its members by op 8 chunks, the command path a proxy must route.
   */
  public static final int LARGE_THRESHOLD = 50;
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  private final JDA jda;
  private final JdaEventRecorder events;
  private final RestCallRecorder restCalls;

  private JdaHarness(JDA jda, JdaEventRecorder events, RestCallRecorder restCalls) {
    this.jda = jda;
    this.events = events;
    this.restCalls = restCalls;
  }

  /** Where to log in; {@code token} without the {@code Bot } prefix (JDA adds it). */
  public record Target(String restBaseUrl, String gatewayUrl, String token, int shardId, int shardTotal) {
    @Override
    public String toString() {
      return "Target[rest=" + restBaseUrl + ", gateway=" + gatewayUrl + ", shard=" + shardId + "/" + shardTotal + "]";
    }
  }

  /**
   * Builds JDA for {@code target} and waits for READY. Fails with the reason when JDA shuts down
   * instead (bad token, invalid shard, a fatal close code) or READY does not come within {@code readyTimeout}.
   */
  public static JdaHarness connect(Target target, Duration readyTimeout) throws InterruptedException, TimeoutException {
    JdaEventRecorder events = new JdaEventRecorder();
    RestCallRecorder restCalls = new RestCallRecorder();
    JDA jda = builder(target, events, restCalls).build();
    JdaHarness harness = new JdaHarness(jda, events, restCalls);
    try {
      harness.awaitReadyOrShutdown(readyTimeout);
      return harness;
    } catch (InterruptedException | TimeoutException | RuntimeException e) {
      harness.close();
      throw e;
    }
  }

  private static JDABuilder builder(Target target, JdaEventRecorder events, RestCallRecorder restCalls) {
    return JDABuilder.create(target.token(), EnumSet.allOf(GatewayIntent.class))
        .setRestConfig(new RestConfig().setBaseUrl(target.restBaseUrl()))
        .setSessionController(new FixedGatewayController(target.gatewayUrl(), target.shardTotal()))
        .useSharding(target.shardId(), target.shardTotal())
        .setHttpClientBuilder(new OkHttpClient.Builder().addInterceptor(restCalls)
            .connectTimeout(HTTP_TIMEOUT).readTimeout(HTTP_TIMEOUT).callTimeout(HTTP_TIMEOUT))
        .setMemberCachePolicy(MemberCachePolicy.ALL)
        .setChunkingFilter(ChunkingFilter.ALL)
        .setLargeThreshold(LARGE_THRESHOLD)
        // A test owns the JVM's lifetime: no hook that outlives it, and no audio (no voice endpoints).
        .setEnableShutdownHook(false)
        // RawGatewayEvent too, so a test can read a dispatch as sent (its "s", its exact fields).
        .setRawEventsEnabled(true)
        .addEventListeners(events);
  }

  private void awaitReadyOrShutdown(Duration timeout) throws InterruptedException, TimeoutException {
    GenericEvent outcome = events.await(GenericEvent.class,
        event -> event instanceof ReadyEvent || event instanceof ShutdownEvent, timeout);
    if (outcome instanceof ShutdownEvent shutdown) {
      throw new IllegalStateException("JDA shut down before READY: close code " + shutdown.getCode()
          + " (" + shutdown.getCloseCode() + "), " + ((JDAImpl) jda).shutdownReason);
    }
  }

  public JDA jda() {
    return jda;
  }

  /** The first event of {@code type} (since before login) that matches {@code condition}. */
  public <E extends GenericEvent> E await(Class<E> type, Predicate<? super E> condition, Duration timeout)
      throws InterruptedException, TimeoutException {
    return events.await(type, condition, timeout);
  }

  /** Every event of {@code type} JDA fires from now on, in order. */
  public <E extends GenericEvent> BlockingQueue<E> subscribe(Class<E> type) {
    return events.subscribe(type);
  }

  /** How many events of {@code type} JDA fired so far (e.g. {@code SessionResumeEvent}s). */
  public long count(Class<? extends GenericEvent> type) {
    return events.count(type);
  }

  /** The REST calls JDA made so far, e.g. {@code "GET /api/v10/users/@me -> 200"}. */
  public List<String> restCalls() {
    return restCalls.calls();
  }

  /**
   * Closes JDA's gateway websocket from the client side with {@link #RESUMABLE_CLOSE_CODE}, as a bot
   * does for a zombie connection. JDA keeps its session and RESUMEs at once at
   * {@code resume_gateway_url}. Works against any gateway; uses JDA's internal websocket client because
   * the public API has no "reconnect now".
   */
  public void closeGatewayResumably() {
    ((JDAImpl) jda).getClient().close(RESUMABLE_CLOSE_CODE, "shardgate test: forced resume");
  }

  /** Waits for the {@code n}-th RESUMED (counted since login) to reach JDA. */
  public SessionResumeEvent awaitResume(int n, Duration timeout) throws InterruptedException, TimeoutException {
    int[] seen = {0};
    return events.await(SessionResumeEvent.class, event -> ++seen[0] == n, timeout);
  }

  /** Shuts JDA down (closing its websocket with 1000, which ends the session) and waits for it. */
  @Override
  public void close() throws InterruptedException {
    jda.shutdownNow();
    if (!jda.awaitShutdown(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("JDA did not shut down within " + SHUTDOWN_TIMEOUT);
    }
  }
}
