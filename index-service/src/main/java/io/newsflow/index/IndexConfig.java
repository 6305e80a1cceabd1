package io.newsflow.index;

import io.newsflow.core.config.Settings;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.index.bulk.BulkLimits;
import io.newsflow.index.elasticsearch.ElasticsearchConnection;
import io.newsflow.index.elasticsearch.IndexNames;

import java.time.Duration;

/**
 * index-service configuration, from environment variables:
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS}</td><td>{@code localhost:9092}</td><td>Kafka bootstrap servers</td></tr>
 *   <tr><td>{@code NEWSFLOW_INDEX_GROUP_ID}</td><td>{@code newsflow-index}</td><td>consumer group of the index-service instances</td></tr>
 *   <tr><td>{@code NEWSFLOW_TOPIC_PARTITIONS}</td><td>3</td><td>partitions of the topics created on start if missing</td></tr>
 *   <tr><td>{@code NEWSFLOW_TOPIC_REPLICATION}</td><td>1</td><td>replicas of the topics created on start if missing</td></tr>
 *   <tr><td>{@code NEWSFLOW_ELASTICSEARCH_URL}</td><td>{@code http://localhost:9200}</td><td>node URL(s), comma-separated</td></tr>
 *   <tr><td>{@code NEWSFLOW_ELASTICSEARCH_USERNAME} / {@code _PASSWORD}</td><td>none</td><td>basic authentication (never logged)</td></tr>
 *   <tr><td>{@code NEWSFLOW_ELASTICSEARCH_API_KEY}</td><td>none</td><td>API key authentication, instead of basic (never logged)</td></tr>
 *   <tr><td>{@code NEWSFLOW_ELASTICSEARCH_STARTUP_WAIT}</td><td>60s</td><td>how long start waits for Elasticsearch to answer</td></tr>
 *   <tr><td>{@code NEWSFLOW_INDEX_NAME}</td><td>{@code news-articles}</td><td>read alias; the write alias is NAME-write,
 *       the concrete indices NAME-v1, NAME-v2, ..., the index template NAME</td></tr>
 *   <tr><td>{@code NEWSFLOW_BULK_MAX_DOCS}</td><td>500</td><td>documents per bulk request</td></tr>
 *   <tr><td>{@code NEWSFLOW_BULK_MAX_BYTES}</td><td>5242880 (5 MiB)</td><td>bytes per bulk request</td></tr>
 *   <tr><td>{@code NEWSFLOW_BULK_MAX_WAIT}</td><td>1s</td><td>longest a record waits for its batch to fill</td></tr>
 *   <tr><td>{@code NEWSFLOW_BULK_IN_FLIGHT}</td><td>2</td><td>bulk requests sent at the same time (1 to 16)</td></tr>
 *   <tr><td>{@code NEWSFLOW_HTTP_HOST}</td><td>{@code 0.0.0.0}</td><td>address of the health and metrics endpoints
 *       ({@code /health/live}, {@code /health/ready}, {@code /metrics}); read by
 *       {@link io.newsflow.core.runtime.ServiceRunner}</td></tr>
 *   <tr><td>{@code NEWSFLOW_HTTP_PORT}</td><td>8080</td><td>their port; 0 for any free port</td></tr>
 * </table>
 */
public record IndexConfig(
        KafkaConnection kafka,
        TopicSetup.Layout topics,
        String groupId,
        ElasticsearchConnection elasticsearch,
        Duration elasticsearchStartupWait,
        IndexNames index,
        BulkLimits bulk) {

    public static final String GROUP_ID = "NEWSFLOW_INDEX_GROUP_ID";
    public static final String ELASTICSEARCH_STARTUP_WAIT = "NEWSFLOW_ELASTICSEARCH_STARTUP_WAIT";

    public static IndexConfig from(Settings settings) {
        return new IndexConfig(
                KafkaConnection.from(settings),
                TopicSetup.Layout.from(settings),
                settings.string(GROUP_ID, "newsflow-index"),
                ElasticsearchConnection.from(settings),
                settings.duration(ELASTICSEARCH_STARTUP_WAIT, Duration.ofSeconds(60)),
                IndexNames.from(settings),
                BulkLimits.from(settings));
    }
}
