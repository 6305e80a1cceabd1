package io.newsflow.enrich;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicSetup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The configuration of enrich-service, from environment variables. Besides these,
 * {@link io.newsflow.core.runtime.ServiceRunner} reads {@code NEWSFLOW_HTTP_HOST} (default {@code 0.0.0.0}) and
 * {@code NEWSFLOW_HTTP_PORT} (default 8080, 0 for any free port): where the health and metrics endpoints
 * ({@code /health/live}, {@code /health/ready}, {@code /metrics}) listen.
 *
 * @param kafka          {@code NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS}
 * @param applicationId  {@code NEWSFLOW_ENRICH_APPLICATION_ID}, default {@value #DEFAULT_APPLICATION_ID}: the Kafka
 *                       Streams application id, also its consumer group and the prefix of its internal topics
 * @param instanceId     {@code NEWSFLOW_ENRICH_INSTANCE_ID}, default the host name: this instance's static group
 *                       membership, so that a restarted instance takes its partitions back at once instead of
 *                       waiting for the old member's session to time out
 * @param stateDir       {@code NEWSFLOW_ENRICH_STATE_DIR}, or null for a fresh temporary directory per run
 * @param publishersFile {@code NEWSFLOW_PUBLISHERS_FILE}: a publisher registry merged over the bundled one, or null
 * @param topicLayout    {@code NEWSFLOW_TOPIC_PARTITIONS} and {@code NEWSFLOW_TOPIC_REPLICATION} for the topics
 *                       created on start
 */
public record EnrichConfig(KafkaConnection kafka, String applicationId, String instanceId, Path stateDir, Path publishersFile,
                           TopicSetup.Layout topicLayout) {

    public static final String APPLICATION_ID = "NEWSFLOW_ENRICH_APPLICATION_ID";
    public static final String INSTANCE_ID = "NEWSFLOW_ENRICH_INSTANCE_ID";
    public static final String STATE_DIR = "NEWSFLOW_ENRICH_STATE_DIR";
    public static final String PUBLISHERS_FILE = "NEWSFLOW_PUBLISHERS_FILE";
    public static final String DEFAULT_APPLICATION_ID = "newsflow-enrich";
    private static final Pattern VALID_APPLICATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public static EnrichConfig from(Settings settings) {
        String applicationId = settings.string(APPLICATION_ID, DEFAULT_APPLICATION_ID);
        if (!VALID_APPLICATION_ID.matcher(applicationId).matches()) {
            throw new InvalidSettingException(APPLICATION_ID + "=" + applicationId
                    + " is not valid: use letters, digits, '.', '_' and '-' only (Kafka Streams names topics after it)");
        }
        String stateDir = settings.string(STATE_DIR, null);
        String publishersFile = settings.string(PUBLISHERS_FILE, null);
        Path publishers = publishersFile == null ? null : Path.of(publishersFile);
        if (publishers != null && !(Files.isRegularFile(publishers) && Files.isReadable(publishers))) {
            throw new InvalidSettingException(PUBLISHERS_FILE + "=" + publishersFile
                    + " is not a readable file: point it at a publisher registry JSON file (the format of the bundled"
                    + " publishers.json) or unset it to use the bundled registry only");
        }
        return new EnrichConfig(KafkaConnection.from(settings), applicationId, settings.instanceId(INSTANCE_ID),
                stateDir == null ? null : Path.of(stateDir), publishers, TopicSetup.Layout.from(settings));
    }
}
