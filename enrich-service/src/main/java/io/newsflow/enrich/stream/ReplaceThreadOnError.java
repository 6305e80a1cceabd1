package io.newsflow.enrich.stream;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps the stream running after an unexpected error in a stream thread (bad records never get here: they are
 * dead-lettered): logs it and replaces the thread, which resumes from the last committed transaction. An error that
 * keeps coming back (a missing authorisation, say) would make that a loop that never ends and never shows: after
 * {@value #MAX_REPLACEMENTS} replacements within {@link #WINDOW} the client shuts down instead, the service reports
 * its failure and the process exits, so that its supervisor restarts it and the operator sees why.
 */
public final class ReplaceThreadOnError implements StreamsUncaughtExceptionHandler {

    static final int MAX_REPLACEMENTS = 3;
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(ReplaceThreadOnError.class);

    private final Clock clock;
    private final Deque<Instant> replacements = new ArrayDeque<>();

    public ReplaceThreadOnError() {
        this(Clock.systemUTC());
    }

    ReplaceThreadOnError(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Instant now = clock.instant();
        while (!replacements.isEmpty() && replacements.peekFirst().isBefore(now.minus(WINDOW))) {
            replacements.removeFirst();
        }
        if (replacements.size() >= MAX_REPLACEMENTS) {
            log.error("enrich stream thread failed again, {} times within {} min: shutting the stream down",
                    replacements.size() + 1, WINDOW.toMinutes(), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        log.error("enrich stream thread failed, replacing it; it resumes from the last committed transaction", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
