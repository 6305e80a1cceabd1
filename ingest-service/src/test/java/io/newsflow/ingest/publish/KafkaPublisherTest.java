package io.newsflow.ingest.publish;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.metrics.StageCounters;
import io.newsflow.ingest.state.FeedState;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaPublisherTest {

    private final List<MockProducer<byte[], byte[]>> created = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private KafkaPublisher publisher() {
        return new KafkaPublisher(() -> {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            created.add(producer);
            return producer;
        }, "newsflow-ingest-test", registry);
    }

    private static FeedState state() {
        return FeedState.initial("feed-1", "https://example.com/rss")
                .succeeded(Instant.parse("2024-05-14T10:00:00Z"), "ok", null, null, List.of("a"), 1, null);
    }

    @Test
    void publishes_the_articles_and_the_state_in_one_committed_transaction() throws PublishException {
        KafkaPublisher publisher = publisher();

        publisher.publish(List.of(ArticleRecordsTest.article("https://example.com/a", "Text.", Instant.now())), state());

        MockProducer<byte[], byte[]> producer = created.getFirst();
        assertThat(producer.transactionInitialized()).isTrue();
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(Topics.ARTICLES_RAW, Topics.INGEST_STATE);
    }

    @Test
    void committed_articles_and_dead_letters_are_counted_and_aborted_ones_are_not() throws PublishException {
        KafkaPublisher publisher = publisher();
        publisher.open();
        List<RawArticle> articles = List.of(
                ArticleRecordsTest.article("https://example.com/a", "Text.", Instant.now()),
                ArticleRecordsTest.article("https://example.com/huge", "x".repeat(Topics.MAX_RECORD_BYTES + 1), Instant.now()));

        publisher.publish(articles, state());
        created.getFirst().commitTransactionException = new KafkaException("broker went away");
        assertThatThrownBy(() -> publisher.publish(articles, state())).isInstanceOf(PublishException.class);

        assertThat(registry.get(StageCounters.ARTICLES).tag("stage", "ingest").counter().count()).isEqualTo(1);
        assertThat(registry.get(StageCounters.DEAD_LETTERS).tags("stage", "ingest", "exception", "RecordTooLarge").counter().count())
                .isEqualTo(1);
    }

    @Test
    void it_is_open_from_open_until_a_fatal_error() throws PublishException {
        KafkaPublisher publisher = publisher();
        assertThat(publisher.isOpen()).as("before open()").isFalse();

        publisher.open();
        assertThat(publisher.isOpen()).isTrue();

        created.getFirst().fenceProducer();
        assertThatThrownBy(() -> publisher.publish(List.of(), state())).isInstanceOf(FatalPublishException.class);
        assertThat(publisher.isOpen()).isFalse();
    }

    @Test
    void subscribes_feeds_to_the_feeds_topic() throws PublishException {
        KafkaPublisher publisher = publisher();

        publisher.subscribe(List.of(FeedSubscription.of("https://example.com/rss", null, null), FeedSubscription.of("https://example.org/atom", null, null)));

        assertThat(created.getFirst().history()).extracting(ProducerRecord::topic).containsExactly(Topics.FEEDS, Topics.FEEDS);
    }

    @Test
    void a_failed_commit_aborts_and_the_next_publish_goes_through() throws PublishException {
        KafkaPublisher publisher = publisher();
        publisher.open();
        MockProducer<byte[], byte[]> producer = created.getFirst();
        producer.commitTransactionException = new KafkaException("broker went away");

        assertThatThrownBy(() -> publisher.publish(List.of(), state()))
                .isInstanceOf(PublishException.class).hasMessageContaining("aborted").hasMessageContaining("broker went away");
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).isEmpty();

        producer.commitTransactionException = null;
        publisher.publish(List.of(), state());
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(Topics.INGEST_STATE);
    }

    @Test
    void when_even_the_abort_fails_the_producer_is_replaced() throws PublishException {
        KafkaPublisher publisher = publisher();
        publisher.open();
        MockProducer<byte[], byte[]> first = created.getFirst();
        first.commitTransactionException = new KafkaException("commit timed out");
        first.abortTransactionException = new KafkaException("abort timed out");

        assertThatThrownBy(() -> publisher.publish(List.of(), state())).isInstanceOf(PublishException.class);
        assertThat(first.closed()).isTrue();

        publisher.publish(List.of(), state());
        assertThat(created).hasSize(2);
        assertThat(created.get(1).transactionCommitted()).isTrue();
    }

    @Test
    void a_fenced_producer_is_fatal_and_closed_for_good() throws PublishException {
        KafkaPublisher publisher = publisher();
        publisher.open();
        created.getFirst().fenceProducer();

        assertThatThrownBy(() -> publisher.publish(List.of(), state()))
                .isInstanceOf(FatalPublishException.class)
                .hasMessageContaining("NEWSFLOW_INGEST_INSTANCE_ID");
        assertThat(created.getFirst().closed()).isTrue();
        assertThatThrownBy(() -> publisher.publish(List.of(), state())).isInstanceOf(FatalPublishException.class);
        assertThat(created).hasSize(1);
    }

    @Test
    void a_fencing_that_only_the_abort_reveals_is_fatal_too_so_two_instances_do_not_fence_each_other_in_turn() throws PublishException {
        KafkaPublisher publisher = publisher();
        publisher.open();
        MockProducer<byte[], byte[]> producer = created.getFirst();
        // What a Kafka 4.1 broker answers a producer that another one with its transactional id has fenced.
        producer.commitTransactionException = new InvalidProducerEpochException("Producer attempted to produce with an old epoch.");
        producer.abortTransactionException = new ProducerFencedException("There is a newer producer with the same transactionalId");

        assertThatThrownBy(() -> publisher.publish(List.of(), state()))
                .isInstanceOf(FatalPublishException.class).hasMessageContaining("fenced");
        assertThatThrownBy(() -> publisher.publish(List.of(), state())).isInstanceOf(FatalPublishException.class);
        assertThat(created).hasSize(1);
    }

    @Test
    void a_fenced_publish_commits_the_feeds_partition_offsets_under_the_group_generation_or_nothing_when_not_owned() throws PublishException {
        TopicPartition partition = new TopicPartition(Topics.FEEDS, 2);
        ConsumerGroupMetadata generation = new ConsumerGroupMetadata("newsflow-ingest", 7, "member-1", java.util.Optional.empty());
        KafkaPublisher publisher = new KafkaPublisher(() -> {
            MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
            created.add(producer);
            return producer;
        }, "newsflow-ingest-test", registry, feedId -> {
            if (!feedId.equals("feed-1")) {
                throw new TransactionFence.NotOwnedException("the feed is no longer assigned to this instance");
            }
            return new TransactionFence.Fence(Map.of(partition, new OffsetAndMetadata(42)), generation);
        });

        publisher.publish(List.of(), state());
        MockProducer<byte[], byte[]> producer = created.getFirst();
        assertThat(producer.consumerGroupOffsetsHistory()).containsExactly(Map.of("newsflow-ingest", Map.of(partition, new OffsetAndMetadata(42))));

        FeedState other = FeedState.initial("feed-2", "https://example.com/other");
        assertThatThrownBy(() -> publisher.publish(List.of(ArticleRecordsTest.article("https://example.com/b", "Text.", Instant.now())), other))
                .isInstanceOf(PublishException.class).hasMessageContaining("no longer assigned");
        assertThat(producer.transactionAborted()).isTrue();
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsExactly(Topics.INGEST_STATE);
    }
}
