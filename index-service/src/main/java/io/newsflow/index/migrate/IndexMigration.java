package io.newsflow.index.migrate;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicScan;
import io.newsflow.core.kafka.Topics;
import io.newsflow.index.bulk.BulkLimits;
import io.newsflow.index.bulk.BulkWriter;
import io.newsflow.index.consume.IndexConsumer;
import io.newsflow.index.document.DocumentMapper;
import io.newsflow.index.elasticsearch.IndexNames;
import io.newsflow.index.elasticsearch.IndexSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A mapping migration without downtime: {@code ./newsflow index migrate}. {@link Topics#ARTICLES_ENRICHED} is kept
 * forever and is the source of truth, so the next index version is filled from it rather than from the old index:
 * <ol>
 *   <li>install this release's index template, and create the next version ({@code news-articles-v2} after
 *       {@code -v1}) from it, behind a migration alias;</li>
 *   <li>replay the topic from its beginning into it with the service's own consume-index-commit loop
 *       ({@link IndexConsumer}, same documents, versions and per-item outcomes) under a consumer group of its own;</li>
 *   <li>once that group has committed up to the topic's end, move the write alias: index-service now writes the
 *       new index;</li>
 *   <li>replay on up to the end as it stands after the move, which covers every record index-service wrote to the
 *       old index before it (versions make double writes harmless), then refresh and move the read alias.</li>
 * </ol>
 * Searches use the read alias, which keeps pointing at the complete old index until the new one is complete. The old
 * index is kept, to be deleted by hand once the new one has proven itself. Alias moves are single atomic
 * {@code _aliases} requests.
 */
public final class IndexMigration {

    private static final Logger log = LoggerFactory.getLogger(IndexMigration.class);

    private static final String CLIENT_ID = "newsflow-index-migrate";
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    /**
     * What a migration did.
     *
     * @param from     the index searched and written before
     * @param to       the index searched and written now
     * @param replayed records of the topic the new index was filled from
     */
    public record Result(String from, String to, long replayed) {
    }

    private final ElasticsearchClient client;
    private final IndexSetup setup;
    private final IndexNames names;
    private final KafkaConnection kafka;
    private final BulkLimits limits;
    private final Clock clock;

    public IndexMigration(ElasticsearchClient client, IndexSetup setup, IndexNames names, KafkaConnection kafka, BulkLimits limits,
                          Clock clock) {
        this.client = client;
        this.setup = setup;
        this.names = names;
        this.kafka = kafka;
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Runs the migration, telling {@code progress} what it does.
     *
     * @throws IllegalStateException if the aliases are not as index-service leaves them, the next version exists
     *                               already, or the replay fails; the message says what to do
     */
    public Result run(Consumer<String> progress) throws IOException, InterruptedException {
        setup.installTemplate();
        String from = writeIndex();
        String to = names.index(names.versionOf(from) + 1);
        if (client.indices().exists(e -> e.index(to)).value()) {
            throw new IllegalStateException("index " + to + " exists already, from a migration that did not finish: nothing points"
                    + " at it unless " + names.migrationAlias() + " does; delete it (DELETE /" + to + ") and run the migration again");
        }
        client.indices().create(c -> c.index(to).aliases(names.migrationAlias(), a -> a.isWriteIndex(true)));
        progress.accept("created " + to + " from template " + names.templateName() + "; replaying " + Topics.ARTICLES_ENRICHED
                + " into it while " + from + " serves searches and writes");

        String group = CLIENT_ID + "-" + to;
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        long replayed;
        try (Admin admin = Admin.create(KafkaConfigs.admin(kafka, CLIENT_ID));
             Producer<byte[], byte[]> deadLetters = new KafkaProducer<>(KafkaConfigs.producer(kafka, CLIENT_ID + "-deadletter"))) {
            Map<String, Object> consumerConfig = KafkaConfigs.consumer(kafka, CLIENT_ID, group);
            consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, limits.maxDocs());
            IndexConsumer loop = new IndexConsumer(new KafkaConsumer<>(consumerConfig), deadLetters,
                    new BulkWriter(client, names.migrationAlias(), new SimpleMeterRegistry()), new DocumentMapper(clock), limits, clock,
                    failure, new SimpleMeterRegistry());
            Thread thread = Thread.ofPlatform().name("index-migrate").start(loop);
            try {
                awaitCommitted(admin, group, endOffsets(), failure, progress, "before moving " + names.writeAlias());
                moveWriteAlias(from, to);
                progress.accept("moved " + names.writeAlias() + " to " + to + ": index-service writes there now");
                Map<TopicPartition, Long> ends = endOffsets();
                awaitCommitted(admin, group, ends, failure, progress, "before moving " + names.readAlias());
                replayed = ends.values().stream().mapToLong(Long::longValue).sum();
            } finally {
                loop.close();
                thread.join(Duration.ofSeconds(30));
            }
            try {
                admin.deleteConsumerGroups(List.of(group)).all().get();
            } catch (ExecutionException e) {
                log.warn("could not delete the migration's consumer group {}: {}", group, e.getCause().toString());
            }
        }
        client.indices().refresh(r -> r.index(to));
        client.indices().updateAliases(u -> u
                .actions(a -> a.remove(r -> r.index(from).alias(names.readAlias())))
                .actions(a -> a.add(add -> add.index(to).alias(names.readAlias())))
                .actions(a -> a.remove(r -> r.index(to).alias(names.migrationAlias()))));
        progress.accept("moved " + names.readAlias() + " to " + to + ": searches read it now. " + from
                + " is kept and no longer used: delete it (DELETE /" + from + ") once " + to + " has proven itself");
        return new Result(from, to, replayed);
    }

    /** The index the write alias points at, checked to be the only one, as index-service leaves it. */
    private String writeIndex() throws IOException {
        GetAliasResponse aliases;
        try {
            aliases = client.indices().getAlias(a -> a.name(names.writeAlias()));
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                throw new IllegalStateException("alias " + names.writeAlias() + " does not exist: start index-service (or run its setup)"
                        + " once so that it creates " + names.index(IndexNames.FIRST_VERSION) + "; there is nothing to migrate yet", e);
            }
            throw e;
        }
        List<String> indices = aliases.result().entrySet().stream()
                .filter(entry -> isWriteIndex(entry.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        if (indices.size() != 1) {
            throw new IllegalStateException("alias " + names.writeAlias() + " points at " + aliases.result().keySet()
                    + " with write index " + indices + ": expected exactly one write index; point it at the newest "
                    + names.indexPattern() + " index with is_write_index=true");
        }
        return indices.getFirst();
    }

    private boolean isWriteIndex(IndexAliases aliases) {
        var alias = aliases.aliases().get(names.writeAlias());
        return alias != null && (alias.isWriteIndex() == null || alias.isWriteIndex());
    }

    private void moveWriteAlias(String from, String to) throws IOException {
        client.indices().updateAliases(u -> u
                .actions(a -> a.remove(r -> r.index(from).alias(names.writeAlias())))
                .actions(a -> a.add(add -> add.index(to).alias(names.writeAlias()).isWriteIndex(true))));
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(kafka, CLIENT_ID + "-ends", null))) {
            List<TopicPartition> partitions = TopicScan.assignAll(consumer, Topics.ARTICLES_ENRICHED, KAFKA_TIMEOUT);
            return consumer.endOffsets(partitions, KAFKA_TIMEOUT);
        }
    }

    /** Waits until the replay has made every record before {@code ends} final in the new index. */
    private void awaitCommitted(Admin admin, String group, Map<TopicPartition, Long> ends, CompletableFuture<Throwable> failure,
                                Consumer<String> progress, String why) throws InterruptedException {
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        long nextReport = 0;
        while (true) {
            if (failure.isDone()) {
                throw new IllegalStateException("the replay stopped: " + failure.join().getMessage() + ". Nothing was moved beyond"
                        + " what this output says; fix the cause, delete the new index and run the migration again", failure.join());
            }
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot read the replay's progress (consumer group " + group + "): " + e.getCause(), e.getCause());
            }
            long done = 0;
            boolean caughtUp = true;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata offset = committed.get(end.getKey());
                long position = offset == null ? 0 : offset.offset();
                done += Math.min(position, end.getValue());
                caughtUp &= position >= end.getValue();
            }
            if (caughtUp) {
                progress.accept("replayed " + total + " records " + why);
                return;
            }
            if (System.nanoTime() >= nextReport) {
                progress.accept("replayed " + done + " of " + total + " records " + why);
                nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            Thread.sleep(200);
        }
    }
}
