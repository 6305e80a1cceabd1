package io.newsflow.enrich.stream;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;

/**
 * Logs the enrich stream's state changes and completes the failure once the stream has ended without being asked
 * to: in ERROR (Kafka Streams shut this client down, e.g. because another instance asked the whole application to
 * stop), or in NOT_RUNNING before {@link #closing()} was called. A failed stream thread alone does not end the
 * stream: {@link ReplaceThreadOnError} replaces it.
 */
public final class StreamFailureListener implements KafkaStreams.StateListener {

    private static final Logger log = LoggerFactory.getLogger(StreamFailureListener.class);

    private final CompletableFuture<Throwable> failure;
    private volatile boolean closing;

    public StreamFailureListener(CompletableFuture<Throwable> failure) {
        this.failure = failure;
    }

    /** Says that the service is closing the stream: NOT_RUNNING from now on is the expected end. */
    public void closing() {
        closing = true;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        log.info("enrich stream {} -> {}", oldState, newState);
        if (newState == KafkaStreams.State.ERROR) {
            failure.complete(new IllegalStateException("the enrich stream went from " + oldState
                    + " to ERROR: Kafka Streams shut it down (the errors logged before say why); nothing is being enriched"));
        } else if (newState == KafkaStreams.State.NOT_RUNNING && !closing) {
            failure.complete(new IllegalStateException("the enrich stream went from " + oldState
                    + " to NOT_RUNNING without being closed; nothing is being enriched"));
        }
    }
}
