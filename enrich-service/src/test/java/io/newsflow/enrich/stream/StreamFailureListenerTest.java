package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.enrich.EnrichService;
import io.newsflow.enrich.attribution.PublisherRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class StreamFailureListenerTest {

    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final StreamFailureListener listener = new StreamFailureListener(failure);

    @Test
    void starting_and_rebalancing_are_no_failure() {
        listener.onChange(State.REBALANCING, State.CREATED);
        listener.onChange(State.RUNNING, State.REBALANCING);
        listener.onChange(State.REBALANCING, State.RUNNING);

        assertThat(failure).isNotDone();
    }

    @Test
    void ending_in_error_is_a_failure() throws Exception {
        listener.onChange(State.PENDING_ERROR, State.RUNNING);
        assertThat(failure).as("still shutting down").isNotDone();

        listener.onChange(State.ERROR, State.PENDING_ERROR);

        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the enrich stream went from PENDING_ERROR to ERROR: Kafka Streams shut it down"
                        + " (the errors logged before say why); nothing is being enriched");
    }

    @Test
    void ending_in_error_while_closing_is_a_failure_still() {
        listener.closing();

        listener.onChange(State.ERROR, State.PENDING_ERROR);

        assertThat(failure).isCompleted();
    }

    @Test
    void stopping_without_being_closed_is_a_failure() throws Exception {
        listener.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        listener.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);

        assertThat(failure.get()).hasMessage("the enrich stream went from PENDING_SHUTDOWN to NOT_RUNNING without being closed;"
                + " nothing is being enriched");
    }

    @Test
    void stopping_after_closing_is_no_failure() {
        listener.closing();
        listener.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        listener.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);

        assertThat(failure).isNotDone();
    }

    /** The real client's transitions on close, with no broker behind the loopback address it is given. */
    @Test
    void a_real_stream_closed_as_the_service_closes_it_reports_no_failure(@TempDir Path stateDir) {
        Properties properties = KafkaConfigs.streams(new KafkaConnection("127.0.0.1:9"), "stream-failure-listener-test");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        KafkaStreams streams = new KafkaStreams(EnrichTopology.build(EnrichService.enricher(PublisherRegistry.bundled()), new SimpleMeterRegistry()), properties);
        streams.setStateListener(listener);
        streams.start();

        listener.closing();
        assertThat(streams.close(Duration.ofSeconds(20))).isTrue();

        assertThat(streams.state()).isEqualTo(State.NOT_RUNNING);
        assertThat(failure).isNotDone();
    }
}
