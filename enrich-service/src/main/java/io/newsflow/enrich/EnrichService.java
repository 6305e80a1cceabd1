package io.newsflow.enrich;

import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.runtime.Service;
import io.newsflow.enrich.stream.EnrichTopology;
import io.newsflow.enrich.stream.ReplaceThreadOnError;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** The enrich stream as a service: creates the topics, runs the Kafka Streams application, closes it on shutdown. */
public final class EnrichService implements Service {

    private static final Logger log = LoggerFactory.getLogger(EnrichService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final EnrichConfig config;
    private final Enricher enricher;
    private KafkaStreams streams;
    private Path temporaryStateDir;

    public EnrichService(EnrichConfig config, Enricher enricher) {
        this.config = config;
        this.enricher = enricher;
    }

    @Override
    public void start() {
        TopicSetup.ensureTopics(config.kafka(), config.topicLayout());
        Properties properties = KafkaConfigs.streams(config.kafka(), config.applicationId());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        streams = new KafkaStreams(EnrichTopology.build(enricher), properties);
        streams.setUncaughtExceptionHandler(new ReplaceThreadOnError());
        streams.setStateListener((now, before) -> log.info("enrich stream {} -> {}", before, now));
        streams.start();
        log.info("enriching from Kafka at {} as application {}", config.kafka().bootstrapServers(), config.applicationId());
    }

    @Override
    public void close() {
        if (streams == null) {
            return;
        }
        if (!streams.close(CLOSE_TIMEOUT)) {
            log.warn("the enrich stream did not close within {}; its open transaction will be aborted by the broker",
                    CLOSE_TIMEOUT);
            return;
        }
        if (temporaryStateDir != null) {
            // A fresh directory per run is ours alone: remove what Kafka Streams kept in it.
            streams.cleanUp();
            try {
                Files.deleteIfExists(temporaryStateDir);
            } catch (IOException e) {
                log.warn("cannot remove the temporary state directory {}: {}", temporaryStateDir, e.getMessage());
            }
        }
    }

    private Path stateDir() {
        if (config.stateDir() != null) {
            return config.stateDir();
        }
        try {
            temporaryStateDir = Files.createTempDirectory("newsflow-enrich-state-");
            return temporaryStateDir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory for Kafka Streams; set "
                    + EnrichConfig.STATE_DIR + " to a writable directory", e);
        }
    }
}
