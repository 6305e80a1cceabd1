package io.newsflow.enrich.stream;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaceThreadOnErrorTest {

    private final MutableClock clock = new MutableClock();
    private final ReplaceThreadOnError handler = new ReplaceThreadOnError(clock);

    @Test
    void replaces_a_failed_thread_a_few_times_then_shuts_the_client_down() {
        for (int i = 0; i < ReplaceThreadOnError.MAX_REPLACEMENTS; i++) {
            assertThat(handler.handle(new IllegalStateException("boom"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(handler.handle(new IllegalStateException("boom"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void failures_far_apart_are_each_replaced() {
        for (int i = 0; i < 10; i++) {
            assertThat(handler.handle(new IllegalStateException("rare"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.advance(ReplaceThreadOnError.WINDOW.dividedBy(2));
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
