package io.newsflow.deploy.cli;

import io.newsflow.core.kafka.CloudEvents;
import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicScan;
import io.newsflow.core.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code ./newsflow deadletter list|replay}: what the stages could not process, and sending it back through the
 * stage that rejected it once the cause is fixed.
 */
@Command(name = "deadletter", mixinStandardHelpOptions = true,
        description = "Lists dead letters, or replays them into the stage that rejected them.",
        subcommands = {DeadLetterCommand.ListCommand.class, DeadLetterCommand.ReplayCommand.class})
final class DeadLetterCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Prefix of the consumer groups that remember, per stage, up to where dead letters were replayed. */
    static final String REPLAY_GROUP_PREFIX = "newsflow-deadletter-replay-";
    /** Header a replayed record carries: where on the dead-letter topic it came from. */
    static final String REPLAYED_FROM = "newsflow.replayed-from";

    @Option(names = "--kafka", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            defaultValue = "${env:NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS, default ${DEFAULT-VALUE}).")
    String kafka;

    KafkaConnection connection() {
        return new KafkaConnection(kafka);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the dead letters, oldest first.")
    static final class ListCommand implements Callable<Integer> {

        @ParentCommand
        DeadLetterCommand parent;

        @Option(names = "--stage", description = "Only those of this stage: ingest, enrich or index.")
        String stage;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<DeadLetter> letters = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(parent.connection(), null)) {
                consumer.seekToBeginning(TopicScan.assignAll(consumer, Topics.DEADLETTER, TIMEOUT));
                TopicScan.toEnd(consumer, TIMEOUT, record -> {
                    DeadLetter letter = DeadLetter.of(record);
                    if (stage == null || stage.equals(letter.stage())) {
                        letters.add(letter);
                    }
                });
            }
            letters.sort((a, b) -> a.time().compareTo(b.time()));
            for (DeadLetter letter : letters) {
                out.printf("%s  %-6s  %-28s  key %s%n    %s: %s%n", letter.time(), letter.stage(), letter.source(),
                        letter.key(), letter.errorClass(), letter.message());
            }
            out.printf("%d dead letters%s%n", letters.size(), stage == null ? "" : " of stage " + stage);
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Sends the dead letters of one stage back to the topic that stage reads, once each:",
                    "the original key, value and headers, plus " + REPLAYED_FROM + ". Run it after fixing the cause."})
    static final class ReplayCommand implements Callable<Integer> {

        @ParentCommand
        DeadLetterCommand parent;

        @Option(names = "--stage", required = true, description = {"The stage whose dead letters to replay: enrich (back to "
                + Topics.ARTICLES_RAW + ") or index (back to " + Topics.ARTICLES_ENRICHED + ", which every consumer of that",
                "topic then sees again: records are keyed by article id, so consumers treat them as updates)."})
        String stage;

        @Option(names = "--dry-run", description = "Only say what would be replayed.")
        boolean dryRun;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (!stage.equals("enrich") && !stage.equals("index")) {
                spec.commandLine().getErr().printf("--stage %s: only enrich and index dead letters can be replayed"
                        + " (ingest's never were on a topic: they are fixed at the source and fetched again)%n", stage);
                return 2;
            }
            String group = REPLAY_GROUP_PREFIX + stage;
            KafkaConnection kafka = parent.connection();
            try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, group);
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                         KafkaConfigs.transactionalProducer(kafka, "newsflow-deadletter-replay", group))) {
                List<TopicPartition> partitions = TopicScan.assignAll(consumer, Topics.DEADLETTER, TIMEOUT);
                startAfterLastReplay(consumer, partitions);
                List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();
                TopicScan.toEnd(consumer, TIMEOUT, pending::add);

                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                int replayed = 0;
                int notReplayable = 0;
                if (!dryRun && !pending.isEmpty()) {
                    producer.initTransactions();
                    producer.beginTransaction();
                }
                for (ConsumerRecord<byte[], byte[]> record : pending) {
                    done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                    DeadLetter letter = DeadLetter.of(record);
                    if (!stage.equals(letter.stage())) {
                        continue;
                    }
                    if (letter.sourceTopic() == null) {
                        notReplayable++;
                        out.printf("not replayable (it never was on a topic): %s key %s: %s%n", letter.time(), letter.key(), letter.message());
                        continue;
                    }
                    replayed++;
                    out.printf("%s %s key %s to %s%n", dryRun ? "would replay" : "replaying", letter.source(), letter.key(), letter.sourceTopic());
                    if (!dryRun) {
                        producer.send(replayOf(record, letter.sourceTopic()));
                    }
                }
                if (!dryRun && !done.isEmpty()) {
                    // The replayed records and the replay group's position commit together: each dead letter is replayed once.
                    producer.sendOffsetsToTransaction(done, new ConsumerGroupMetadata(group));
                    producer.commitTransaction();
                }
                out.printf("%s %d dead letters of stage %s%s%n", dryRun ? "would replay" : "replayed", replayed, stage,
                        notReplayable > 0 ? " (" + notReplayable + " not replayable)" : "");
                return 0;
            }
        }

        private static void startAfterLastReplay(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata last = committed.get(partition);
                if (last == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, last.offset());
                }
            }
        }

        private static ProducerRecord<byte[], byte[]> replayOf(ConsumerRecord<byte[], byte[]> record, String topic) {
            RecordHeaders headers = new RecordHeaders();
            for (Header header : record.headers()) {
                if (!header.key().startsWith("dlq.")) {
                    headers.add(header);
                }
            }
            headers.add(REPLAYED_FROM, (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
            return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaConnection kafka, String group) {
        return new KafkaConsumer<>(KafkaConfigs.consumer(kafka, "newsflow-deadletter-cli", group));
    }

    /** The parts of a dead-letter record a person reads. */
    record DeadLetter(String time, String stage, String sourceTopic, String source, String key, String errorClass, String message) {

        static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
            var headers = record.headers();
            String sourceTopic = CloudEvents.header(headers, DeadLetters.SOURCE_TOPIC);
            String source = sourceTopic == null ? "(not from a topic)"
                    : sourceTopic + "-" + CloudEvents.header(headers, DeadLetters.SOURCE_PARTITION) + "@"
                    + CloudEvents.header(headers, DeadLetters.SOURCE_OFFSET);
            String message = String.valueOf(CloudEvents.header(headers, DeadLetters.ERROR_MESSAGE));
            return new DeadLetter(String.valueOf(CloudEvents.header(headers, DeadLetters.TIME)),
                    String.valueOf(CloudEvents.header(headers, DeadLetters.STAGE)), sourceTopic, source,
                    record.key() == null ? "(none)" : new String(record.key(), StandardCharsets.UTF_8),
                    String.valueOf(CloudEvents.header(headers, DeadLetters.ERROR_CLASS)),
                    message.length() > 300 ? message.substring(0, 300) + "…" : message);
        }
    }
}
