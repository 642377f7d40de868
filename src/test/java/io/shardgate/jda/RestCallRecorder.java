package io.shardgate.jda;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Records every REST call JDA makes, as {@code "GET /api/v10/users/@me -> 200"}, so a test can tell
 * exactly which routes a real client needs from the REST side of a Discord stand-in.
 */
final class RestCallRecorder implements Interceptor {
  /** A logged-in bot makes a handful of calls; the cap only guards a runaway retry loop. */
  private static final int MAX_CALLS = 1_000;

  private final List<String> calls = new CopyOnWriteArrayList<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String call = request.method() + " " + request.url().encodedPath();
    try {
      Response response = chain.proceed(request);
      record(call + " -> " + response.code());
      return response;
    } catch (IOException e) {
      record(call + " -> " + e.getClass().getSimpleName());
      throw e;
    }
  }

  /** The calls so far, oldest first. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  private void record(String call) {
    if (calls.size() < MAX_CALLS) {
      calls.add(call);
    }
  }
}
