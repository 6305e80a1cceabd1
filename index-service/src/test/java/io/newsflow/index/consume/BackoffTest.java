package io.newsflow.index.consume;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @Test
    void delays_double_with_jitter_up_to_the_cap_and_start_over_after_reset() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(7));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            delays.add(backoff.next().toMillis());
        }
        long ceiling = 500;
        for (long delay : delays) {
            assertThat(delay).isBetween(ceiling / 2, ceiling);
            ceiling = Math.min(30_000, ceiling * 2);
        }
        assertThat(delays.subList(8, 12)).allSatisfy(d -> assertThat(d).isBetween(15_000L, 30_000L));
        assertThat(backoff.attempts()).isEqualTo(12);

        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.next().toMillis()).isBetween(250L, 500L);
    }

    @Test
    void many_retries_never_overflow_past_the_cap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(1));
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.next()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
        assertThat(backoff.next()).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
}
