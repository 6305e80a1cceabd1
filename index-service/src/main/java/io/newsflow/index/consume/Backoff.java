package io.newsflow.index.consume;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th delay is drawn from [d/2, d] where d = initial * 2^(n-1), capped.
 * The jitter keeps several index-service instances from retrying an overloaded cluster in step.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;
    private int attempts;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The delay before the next retry. */
    Duration next() {
        long ceiling = ceilingMillis(attempts);
        attempts++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    /** Starts over after a success. */
    void reset() {
        attempts = 0;
    }

    /** Retries since the last reset. */
    int attempts() {
        return attempts;
    }

    private long ceilingMillis(int attempt) {
        int doublings = Math.min(attempt, 30); // past 2^30 the cap has long been reached
        return Math.min(max.toMillis(), initial.toMillis() << doublings);
    }
}
