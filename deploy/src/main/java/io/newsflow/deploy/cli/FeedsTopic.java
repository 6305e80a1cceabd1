package io.newsflow.deploy.cli;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.kafka.Topics;
import io.newsflow.ingest.feed.KafkaSubscriptions;
import io.newsflow.ingest.publish.ArticleRecords;
import io.newsflow.ingest.state.CompactedTopicReader;
import io.newsflow.ingest.state.FeedState;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The subscriptions on {@code news.feeds} and the polling state on {@code news.ingest.state}, as the feeds commands
 * read and change them. Every wait on Kafka is bounded by one timeout, so that a Kafka that does not answer is
 * reported after seconds instead of after the clients' own minutes of retrying. Failures are
 * {@link FeedsCommand.Failure}s that say what failed and where.
 */
final class FeedsTopic implements AutoCloseable {

    private static final String CLIENT_ID = "newsflow-feeds-cli";

    private final KafkaConnection kafka;
    private final Duration timeout;
    private final Admin admin;
    private final Set<String> topics;
    private CompactedTopicReader reader;

    private FeedsTopic(KafkaConnection kafka, Duration timeout, Admin admin, Set<String> topics) {
        this.kafka = kafka;
        this.timeout = timeout;
        this.admin = admin;
        this.topics = topics;
    }

    /**
     * Connects to Kafka and lists its topics, which is how it is known to answer.
     *
     * @throws FeedsCommand.Failure if the address is not usable or Kafka does not answer within {@code timeout}
     */
    static FeedsTopic open(KafkaConnection kafka, Duration timeout) {
        Admin admin;
        try {
            admin = Admin.create(KafkaConfigs.admin(kafka, CLIENT_ID));
        } catch (KafkaException e) {
            throw new FeedsCommand.Failure("cannot connect to Kafka at " + kafka.bootstrapServers() + ": " + rootMessage(e)
                    + "; give its address as --kafka HOST:PORT or in NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS");
        }
        try {
            Set<String> topics = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new FeedsTopic(kafka, timeout, admin, topics);
        } catch (TimeoutException e) {
            admin.close(Duration.ZERO);
            throw new FeedsCommand.Failure("Kafka at " + kafka.bootstrapServers() + " did not answer within " + seconds(timeout)
                    + ": is it running? (./newsflow up or ./newsflow stack starts one; --kafka HOST:PORT or"
                    + " NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS says where it is)");
        } catch (ExecutionException e) {
            admin.close(Duration.ZERO);
            throw new FeedsCommand.Failure("Kafka at " + kafka.bootstrapServers() + " refused to list its topics: " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admin.close(Duration.ZERO);
            throw new FeedsCommand.Failure("interrupted while connecting to Kafka at " + kafka.bootstrapServers());
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The subscriptions, sorted by URL; none while {@code news.feeds} does not exist yet. */
    List<FeedSubscription> subscriptions() {
        if (!topics.contains(Topics.FEEDS)) {
            return List.of();
        }
        try {
            return new KafkaSubscriptions(reader()).subscriptions();
        } catch (KafkaException | IllegalStateException e) {
            throw cannotRead(Topics.FEEDS, e);
        }
    }

    /** The polling state of every feed ingest-service has polled, by feed id; a state that cannot be read is left out. */
    Map<String, FeedState> states() {
        Map<String, FeedState> states = new HashMap<>();
        if (!topics.contains(Topics.INGEST_STATE)) {
            return states;
        }
        Map<String, byte[]> values;
        try {
            values = reader().readAll(Topics.INGEST_STATE);
        } catch (KafkaException | IllegalStateException e) {
            throw cannotRead(Topics.INGEST_STATE, e);
        }
        values.forEach((feedId, value) -> {
            try {
                states.put(feedId, Json.fromBytes(value, FeedState.class));
            } catch (InvalidRecordException e) {
                // Such a feed is listed as never polled: ingest-service starts it afresh too.
            }
        });
        return states;
    }

    /** Writes the subscriptions, adding new feeds and replacing known ones; creates the pipeline's topics if need be. */
    void subscribe(List<FeedSubscription> feeds) {
        write(feeds.stream().map(ArticleRecords::subscription).toList());
    }

    /** Writes a tombstone for the feed: compaction then drops its subscription, and ingest-service stops polling it. */
    void unsubscribe(String feedId) {
        write(List.of(new ProducerRecord<>(Topics.FEEDS, feedId.getBytes(StandardCharsets.UTF_8), null)));
    }

    private void write(List<ProducerRecord<byte[], byte[]>> records) {
        ensureTopics();
        Map<String, Object> config = KafkaConfigs.producer(kafka, CLIENT_ID);
        // The producer would otherwise block up to a minute waiting for metadata.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(config);
        } catch (KafkaException e) {
            throw new FeedsCommand.Failure("cannot create a Kafka producer for " + kafka.bootstrapServers() + ": " + rootMessage(e));
        }
        boolean written = false;
        try {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(record));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<RecordMetadata> acknowledged : sent) {
                acknowledged.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            written = true;
        } catch (TimeoutException e) {
            throw new FeedsCommand.Failure("Kafka at " + kafka.bootstrapServers() + " did not acknowledge the write of "
                    + records.size() + " records to " + Topics.FEEDS + " within " + seconds(timeout) + "; nothing or only part"
                    + " was written: run the command again");
        } catch (ExecutionException | KafkaException e) {
            throw new FeedsCommand.Failure("writing to " + Topics.FEEDS + " on Kafka at " + kafka.bootstrapServers()
                    + " failed: " + rootMessage(e) + "; nothing or only part was written: run the command again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedsCommand.Failure("interrupted while writing to " + Topics.FEEDS);
        } finally {
            // After a failure, records still waiting are dropped rather than waited for.
            producer.close(written ? timeout : Duration.ZERO);
        }
    }

    /** Creates the pipeline's topics as a service's start would, so that subscribing works before any service ran. */
    private void ensureTopics() {
        if (topics.contains(Topics.FEEDS) && topics.contains(Topics.INGEST_STATE)) {
            return;
        }
        TopicSetup.Layout layout;
        try {
            layout = TopicSetup.Layout.from(Settings.fromEnvironment());
        } catch (InvalidSettingException e) {
            throw new FeedsCommand.Failure(e.getMessage());
        }
        try {
            TopicSetup.ensureTopics(admin, Topics.all(layout.partitions(), layout.replication()));
        } catch (IllegalStateException e) {
            throw new FeedsCommand.Failure(e.getMessage());
        }
    }

    private CompactedTopicReader reader() {
        if (reader == null) {
            try {
                reader = new CompactedTopicReader(new KafkaConsumer<>(KafkaConfigs.consumer(kafka, CLIENT_ID, null)), timeout);
            } catch (KafkaException e) {
                throw new FeedsCommand.Failure("cannot create a Kafka consumer for " + kafka.bootstrapServers() + ": " + rootMessage(e));
            }
        }
        return reader;
    }

    private FeedsCommand.Failure cannotRead(String topic, RuntimeException e) {
        return new FeedsCommand.Failure("cannot read " + topic + " from Kafka at " + kafka.bootstrapServers() + ": " + rootMessage(e));
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
        admin.close(timeout);
    }
}
