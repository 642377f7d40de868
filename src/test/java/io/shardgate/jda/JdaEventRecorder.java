package io.shardgate.jda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/**
 * Keeps every event JDA fires, from before login on, so a test can wait for one that may already have
 * happened (no race between "do something" and "start listening"), and hands out live queues of one
 * event type for tests that consume a stream in order.
 */
final class JdaEventRecorder implements EventListener {
  /** Tests run at a low event rate; the cap keeps a runaway stream from eating the heap. */
  static final int MAX_RECORDED_EVENTS = 100_000;

  private final List<GenericEvent> recorded = new ArrayList<>();
  private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();
  private boolean overflowed;

  @Override
  public void onEvent(GenericEvent event) {
    subscriptions.forEach(subscription -> subscription.offer(event));
    synchronized (this) {
      if (recorded.size() < MAX_RECORDED_EVENTS) {
        recorded.add(event);
      } else {
        overflowed = true;
      }
      notifyAll();
    }
  }

  /** The first recorded event of {@code type} matching {@code condition}, waiting up to {@code timeout} for it. */
  synchronized <E> E await(Class<E> type, Predicate<? super E> condition, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int scanned = 0;
    while (true) {
      for (; scanned < recorded.size(); scanned++) {
        GenericEvent event = recorded.get(scanned);
        if (type.isInstance(event) && condition.test(type.cast(event))) {
          return type.cast(event);
        }
      }
      if (overflowed) {
        throw new IllegalStateException("more than " + MAX_RECORDED_EVENTS + " events recorded; lower the event rate");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException("no " + type.getSimpleName() + " matching the condition within " + timeout);
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Every event of {@code type} fired from now on, in the order JDA fired them. */
  <E> BlockingQueue<E> subscribe(Class<E> type) {
    Subscription<E> subscription = new Subscription<>(type);
    subscriptions.add(subscription);
    return subscription.queue;
  }

  /** How many events of {@code type} were recorded so far. */
  synchronized long count(Class<?> type) {
    return recorded.stream().filter(type::isInstance).count();
  }

  private static final class Subscription<E> {
    private final Class<E> type;
    private final BlockingQueue<E> queue = new LinkedBlockingQueue<>(MAX_RECORDED_EVENTS);

    Subscription(Class<E> type) {
      this.type = type;
    }

    void offer(GenericEvent event) {
      if (type.isInstance(event)) {
        queue.offer(type.cast(event));
      }
    }
  }
}
