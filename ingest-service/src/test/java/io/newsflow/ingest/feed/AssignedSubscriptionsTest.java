package io.newsflow.ingest.feed;

import io.newsflow.ingest.state.FeedStates;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThat;

class AssignedSubscriptionsTest {

    @Test
    void stopping_before_the_group_was_ever_joined_ends_quietly() {
        MockConsumer<byte[], byte[]> group = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        AssignedSubscriptions assigned = new AssignedSubscriptions(group, () -> {
            throw new AssertionError("nothing is read before start");
        }, new FeedStates(), Duration.ofSeconds(1), failure);

        // A SIGTERM while the service still waits for Kafka at start: the follower thread never ran.
        assertThatCode(assigned::close).doesNotThrowAnyException();
        assertThat(failure).isNotDone();
    }
}
