package io.shardgate.upstream;

import java.util.PriorityQueue;

/** A paused clock for time rules: tasks run only when a test advances time past them. */
final class ManualScheduler implements Scheduler {

  private record Task(long at, long id, Runnable run) {
  }

  private final PriorityQueue<Task> tasks =
      new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.id, b.id));
  private long now;
  private long nextId;

  @Override
  public synchronized long nowMillis() {
    return now;
  }

  @Override
  public synchronized long schedule(long delayMs, Runnable task) {
    long id = nextId++;
    tasks.add(new Task(now + Math.max(0, delayMs), id, task));
    return id;
  }

  @Override
  public synchronized void cancel(long handle) {
    tasks.removeIf(t -> t.id == handle);
  }

  /** Moves the clock forward, running every task that falls due, in time order. */
  void advance(long millis) {
    long target;
    synchronized (this) {
      target = now + millis;
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.at > target) {
          now = target;
          return;
        }
        tasks.poll();
        now = next.at;
      }
      next.run.run();
    }
  }

  synchronized int pending() {
    return tasks.size();
  }
}
