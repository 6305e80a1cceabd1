package io.newsflow.core.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline's topics, with the partitions and settings they are created with.
 * The names are the contract; partitions and replication are defaults an operator may change.
 */
public final class Topics {

    /** Feed subscriptions, compacted, keyed by feed id. */
    public static final String FEEDS = "news.feeds";
    /** Per-feed polling state of ingest-service (ETag, seen items, errors), compacted, keyed by feed id. */
    public static final String INGEST_STATE = "news.ingest.state";
    /** Articles as ingested, keyed by article id. */
    public static final String ARTICLES_RAW = "news.articles.raw";
    /**
     * Articles with attribution and topics, keyed by article id. Kept forever (retention.ms and retention.bytes -1, so
     * a broker default cannot cap it either): it is the source of truth that {@code ./newsflow index migrate} replays
     * from its beginning.
     */
    public static final String ARTICLES_ENRICHED = "news.articles.enriched";
    /** Records a stage could not process, with the reason in headers. */
    public static final String DEADLETTER = "news.deadletter";

    /** Largest record value the article topics accept; a larger record is dead-lettered by its producer stage. */
    public static final int MAX_RECORD_BYTES = 2 * 1024 * 1024;
    /** Room for the headers a dead letter adds, so that any record an article topic accepted fits the dead-letter topic. */
    public static final int DEAD_LETTER_HEADROOM_BYTES = 256 * 1024;

    private static final String THIRTY_DAYS_MS = String.valueOf(30L * 24 * 3600 * 1000);

    private Topics() {
    }

    /**
     * The topics to create, each with {@code partitions} partitions and {@code replication} replicas.
     */
    public static List<NewTopic> all(int partitions, short replication) {
        String minInsync = String.valueOf(Math.min(2, replication));
        Map<String, String> articles = Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_RECORD_BYTES),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync);
        Map<String, String> compacted = Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_RECORD_BYTES),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync);
        return List.of(
                new NewTopic(FEEDS, partitions, replication).configs(compacted),
                new NewTopic(INGEST_STATE, partitions, replication).configs(compacted),
                new NewTopic(ARTICLES_RAW, partitions, replication).configs(withRetention(articles, THIRTY_DAYS_MS)),
                new NewTopic(ARTICLES_ENRICHED, partitions, replication).configs(withRetention(
                        withRetention(articles, "-1"), TopicConfig.RETENTION_BYTES_CONFIG, "-1")),
                new NewTopic(DEADLETTER, partitions, replication).configs(Map.of(
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_RECORD_BYTES + DEAD_LETTER_HEADROOM_BYTES),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync,
                        TopicConfig.RETENTION_MS_CONFIG, THIRTY_DAYS_MS)));
    }

    private static Map<String, String> withRetention(Map<String, String> configs, String retentionMs) {
        return withRetention(configs, TopicConfig.RETENTION_MS_CONFIG, retentionMs);
    }

    private static Map<String, String> withRetention(Map<String, String> configs, String key, String value) {
        var copy = new HashMap<>(configs);
        copy.put(key, value);
        return Map.copyOf(copy);
    }
}
