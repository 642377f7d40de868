package io.shardgate.bench;

/** A scenario could not RUN (a process did not start, a client received nothing). Never a missed goal. */
final class BenchFailure extends RuntimeException {
  BenchFailure(String message) {
    super(message);
  }

  BenchFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
