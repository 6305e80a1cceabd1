package io.newsflow.deploy.index;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicScan;
import io.newsflow.core.kafka.Topics;
import io.newsflow.deploy.Await;
import io.newsflow.deploy.testing.SharedStack;
import io.newsflow.index.IndexService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * index-service in this JVM against the shared stack's real Kafka and Elasticsearch: what it does with each per-item
 * outcome Elasticsearch really gives.
 */
class IndexWritingIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private IndexTestKit kit;
    private String index;
    private String group;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        kit = new IndexTestKit(SharedStack.get().kafkaBootstrapServers(), SharedStack.get().elasticsearchUrl());
        index = kit.unique("writing");
        group = kit.unique("writing-group");
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void a_document_elasticsearch_rejects_is_dead_lettered_with_its_reason_and_indexing_goes_on() {
        EnrichedArticle before = kit.article(1, "Harbour reopens");
        // Year 12345 is a valid Java date but not an Elasticsearch one: the date field refuses the document.
        EnrichedArticle rejected = kit.article(2, "A page with a broken date", OffsetDateTime.parse("+12345-01-01T00:00:00Z"));
        EnrichedArticle after = kit.article(3, "Ships sail again");
        kit.startService(index, group, registry);

        kit.publish(before);
        RecordMetadata rejectedAt = kit.publish(rejected);
        kit.publish(after);

        Await.until("the two good articles indexed", WAIT, () -> kit.count(index, List.of(before, after)) == 2);
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        Await.until("the rejected article in " + Topics.DEADLETTER, WAIT, () -> {
            letters.clear();
            letters.addAll(deadLettersOf(rejected));
            return !letters.isEmpty();
        });
        ConsumerRecord<byte[], byte[]> letter = letters.getFirst();
        assertThat(header(letter, DeadLetters.STAGE)).isEqualTo("index");
        assertThat(header(letter, DeadLetters.ERROR_MESSAGE)).contains("Elasticsearch rejected document " + rejected.id())
                .contains("HTTP 400 document_parsing_exception").contains("failed to parse field [modifiedAt] of type [date]");
        assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo(String.valueOf(rejectedAt.offset()));
        assertThat(letter.value()).as("the original record, unchanged").isNotEmpty();
        assertThat(kit.count(index, List.of(rejected))).isZero();
        assertThat(registry.get("newsflow.bulk.items").tag("outcome", "rejected").counter().count()).isPositive();
    }

    @Test
    void an_older_revision_read_again_is_refused_as_a_counted_version_conflict_and_the_newer_one_stays() {
        EnrichedArticle first = kit.article(10, "First headline");
        EnrichedArticle second = kit.article(10, "Corrected headline");
        assertThat(second.id()).isEqualTo(first.id());
        kit.startService(index, group, registry);
        kit.publish(first);
        RecordMetadata secondAt = kit.publish(second);
        Await.until("the corrected revision indexed", WAIT,
                () -> "Corrected headline".equals(kit.document(index, first.id()).at("/_source/title").asText()));

        // A second consumer group reads the topic from its beginning: the first revision comes again, after the second.
        SimpleMeterRegistry replaying = new SimpleMeterRegistry();
        kit.startService(index, kit.unique("replay-group"), replaying);

        Await.until("the replay's version conflict counted", WAIT,
                () -> replaying.find("newsflow.bulk.items").tag("outcome", "version_conflict").counter() != null
                        && replaying.get("newsflow.bulk.items").tag("outcome", "version_conflict").counter().count() >= 1);
        Await.until("the replay past both revisions", WAIT, () -> kit.committed(kit.unique("replay-group")) > secondAt.offset());
        assertThat(kit.document(index, first.id()).at("/_source/title").asText()).isEqualTo("Corrected headline");
        assertThat(kit.document(index, first.id()).path("_version").asLong()).as("the version is the newer record's offset + 1")
                .isEqualTo(secondAt.offset() + 1);
        assertThat(deadLettersOf(first)).as("a replay is no error").isEmpty();
    }

    @Test
    void while_the_index_refuses_writes_with_429_nothing_is_committed_the_service_is_unready_and_then_it_resumes() {
        IndexService service = kit.startService(index, group, registry);
        EnrichedArticle first = kit.article(20, "Before the block");
        kit.publish(first);
        Await.until("the first article indexed", WAIT, () -> kit.count(index, List.of(first)) == 1);
        Await.until("its offset committed", WAIT, () -> IndexTestKit.indexing(service).up() && kit.committed(group) > 0);

        // What Elasticsearch does by itself when a disk passes the flood-stage watermark: each write item answers 429.
        assertThat(kit.status("PUT", "/" + index + "/_settings", "{\"index.blocks.read_only_allow_delete\":true}")).isEqualTo(200);
        long committedBefore = kit.committed(group);
        List<EnrichedArticle> blocked = List.of(kit.article(21, "During the block"), kit.article(22, "Still blocked"));
        blocked.forEach(kit::publish);

        Await.until("the indexing check down", WAIT, () -> !IndexTestKit.indexing(service).up());
        assertThat(IndexTestKit.indexing(service).detail()).contains("HTTP 429 cluster_block_exception");
        Await.until("a few retries", WAIT, () -> registry.get("newsflow.bulk.items").tag("outcome", "retried").counter().count() >= 3);
        assertThat(kit.committed(group)).as("no offset moves while the index refuses writes").isEqualTo(committedBefore);
        assertThat(kit.count(index, blocked)).isZero();

        assertThat(kit.status("PUT", "/" + index + "/_settings", "{\"index.blocks.read_only_allow_delete\":null}")).isEqualTo(200);

        Await.until("the blocked articles indexed once the block is lifted", WAIT, () -> kit.count(index, blocked) == 2);
        Await.until("the indexing check up again", WAIT, () -> IndexTestKit.indexing(service).up());
        assertThat(kit.committed(group)).isGreaterThan(committedBefore);
        assertThat(deadLettersOf(blocked.getFirst())).as("a 429 is retried, never dead-lettered").isEmpty();
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLettersOf(EnrichedArticle article) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(
                new KafkaConnection(SharedStack.get().kafkaBootstrapServers()), "index-it-deadletters", null))) {
            consumer.seekToBeginning(TopicScan.assignAll(consumer, Topics.DEADLETTER, WAIT));
            TopicScan.toEnd(consumer, WAIT, record -> {
                if (record.key() != null && article.id().equals(new String(record.key(), StandardCharsets.UTF_8))) {
                    found.add(record);
                }
            });
        }
        return found;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
