package io.newsflow.core.kafka;

import io.newsflow.core.config.Settings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the pipeline's topics that do not exist yet; existing topics are left as they are. */
public final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

    /** Topic partitions and replicas, from {@code NEWSFLOW_TOPIC_PARTITIONS} and {@code NEWSFLOW_TOPIC_REPLICATION}. */
    public record Layout(int partitions, short replication) {
        public static Layout from(Settings settings) {
            return new Layout(
                    settings.integer("NEWSFLOW_TOPIC_PARTITIONS", 3, 1, 1000),
                    (short) settings.integer("NEWSFLOW_TOPIC_REPLICATION", 1, 1, 32));
        }
    }

    private TopicSetup() {
    }

    public static void ensureTopics(KafkaConnection kafka, Layout layout) {
        try (Admin admin = Admin.create(KafkaConfigs.admin(kafka, "newsflow-topic-setup"))) {
            ensureTopics(admin, Topics.all(layout.partitions(), layout.replication()));
        }
    }

    public static void ensureTopics(Admin admin, List<NewTopic> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            log.info("created topics {}", missing.stream().map(NewTopic::name).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the pipeline's topics: "
                    + (e.getCause() == null ? e : e.getCause()) + ". Is Kafka reachable at the configured bootstrap servers?", e);
        }
    }
}
