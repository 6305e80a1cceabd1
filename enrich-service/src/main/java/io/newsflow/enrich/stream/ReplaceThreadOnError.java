package io.newsflow.enrich.stream;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stream running after an unexpected error in a stream thread (bad records never get here: they are
 * dead-lettered): logs it and replaces the thread, which resumes from the last committed transaction.
 */
public final class ReplaceThreadOnError implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ReplaceThreadOnError.class);

    @Override
    public StreamThreadExceptionResponse handle(Throwable exception) {
        log.error("enrich stream thread failed, replacing it; it resumes from the last committed transaction", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
