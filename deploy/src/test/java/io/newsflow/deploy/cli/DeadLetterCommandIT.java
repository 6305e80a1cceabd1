package io.newsflow.deploy.cli;

import io.newsflow.core.kafka.CloudEvents;
import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicScan;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.deploy.testing.SharedStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./newsflow deadletter} against the real broker: list what a stage rejected, replay it once, into the right topic. */
class DeadLetterCommandIT {

    private KafkaConnection kafka;
    private String key;

    @BeforeEach
    void writeDeadLetters() throws Exception {
        kafka = new KafkaConnection(SharedStack.get().kafkaBootstrapServers());
        TopicSetup.ensureTopics(kafka, new TopicSetup.Layout(3, (short) 1));
        key = "dlq-test-" + UUID.randomUUID();
        RecordHeaders original = new RecordHeaders();
        original.add(CloudEvents.TYPE, CloudEvents.RAW_ARTICLE_TYPE.getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaConfigs.producer(kafka, "dlq-test"))) {
            producer.send(DeadLetters.of("enrich", Topics.ARTICLES_RAW, 1, 41, bytes(key), bytes("not json"), original,
                    new InvalidRecordException("not a valid RawArticle JSON record"))).get(30, TimeUnit.SECONDS);
            producer.send(DeadLetters.of("ingest", bytes(key + "-big"), bytes("{}"), "RecordTooLarge",
                    "article of 3 MB is over the limit")).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void lists_dead_letters_with_stage_source_and_reason() {
        String out = run("deadletter", "list", "--kafka", kafka.bootstrapServers());
        assertThat(out).contains("enrich", "news.articles.raw-1@41", "key " + key,
                "io.newsflow.core.json.InvalidRecordException: not a valid RawArticle JSON record");
        assertThat(out).contains("ingest", "(not from a topic)", "RecordTooLarge: article of 3 MB is over the limit");
        assertThat(run("deadletter", "list", "--stage", "ingest", "--kafka", kafka.bootstrapServers()))
                .contains(key + "-big").doesNotContain("key " + key + "\n");
    }

    @Test
    void replays_a_stages_dead_letters_into_its_input_topic_once() {
        assertThat(run("deadletter", "replay", "--stage", "enrich", "--dry-run", "--kafka", kafka.bootstrapServers()))
                .contains("would replay news.articles.raw-1@41 key " + key);
        assertThat(replayedToRaw()).isEmpty();

        assertThat(run("deadletter", "replay", "--stage", "enrich", "--kafka", kafka.bootstrapServers()))
                .contains("replaying news.articles.raw-1@41 key " + key);
        List<ConsumerRecord<byte[], byte[]>> replayed = replayedToRaw();
        assertThat(replayed).hasSize(1);
        ConsumerRecord<byte[], byte[]> record = replayed.getFirst();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("not json");
        assertThat(CloudEvents.header(record.headers(), CloudEvents.TYPE)).isEqualTo(CloudEvents.RAW_ARTICLE_TYPE);
        assertThat(CloudEvents.header(record.headers(), DeadLetterCommand.REPLAYED_FROM)).startsWith(Topics.DEADLETTER + "-");
        assertThat(CloudEvents.header(record.headers(), DeadLetters.STAGE)).isNull();

        assertThat(run("deadletter", "replay", "--stage", "enrich", "--kafka", kafka.bootstrapServers()))
                .doesNotContain(key);
        assertThat(replayedToRaw()).hasSize(1);
    }

    @Test
    void refuses_to_replay_ingest_dead_letters() {
        CommandLine cli = new CommandLine(new NewsflowCommand());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("deadletter", "replay", "--stage", "ingest", "--kafka", kafka.bootstrapServers())).isEqualTo(2);
        assertThat(err.toString()).contains("only enrich and index dead letters can be replayed");
    }

    private List<ConsumerRecord<byte[], byte[]>> replayedToRaw() {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(kafka, "dlq-test", null))) {
            consumer.seekToBeginning(TopicScan.assignAll(consumer, Topics.ARTICLES_RAW, Duration.ofSeconds(30)));
            TopicScan.toEnd(consumer, Duration.ofSeconds(30), record -> {
                if (record.key() != null && key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                    found.add(record);
                }
            });
        }
        return found;
    }

    private static String run(String... args) {
        CommandLine cli = new CommandLine(new NewsflowCommand());
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).as("exit code of %s", String.join(" ", args)).isZero();
        return out.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
