package io.newsflow.core.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads a topic from given positions to its current end, the way tools and state loaders need it: every partition
 * assigned, nothing committed. With a read_committed consumer the end is the last stable offset, so the scan sees
 * exactly the records committed when it started.
 */
public final class TopicScan {

    private static final Duration POLL = Duration.ofMillis(500);

    private TopicScan() {
    }

    /** The topic's partitions, assigned to {@code consumer}. */
    public static List<TopicPartition> assignAll(Consumer<byte[], byte[]> consumer, String topic, Duration timeout) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist; it is created when a service starts");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        return assigned;
    }

    /**
     * Hands every record from the consumer's current positions up to the end offsets of the assigned partitions
     * to {@code each}, in order per partition.
     *
     * @throws IllegalStateException if the end is not reached within {@code timeout}
     */
    public static void toEnd(Consumer<byte[], byte[]> consumer, Duration timeout,
                             java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(consumer, ends, timeout)) {
            if (System.nanoTime() > deadline) {
                String topics = String.join(", ", ends.keySet().stream().map(TopicPartition::topic).distinct().sorted().toList());
                throw new IllegalStateException("could not read topic " + topics + " to its end within "
                        + timeout.toSeconds() + " s; is Kafka reachable?");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
        }
    }

    private static boolean reached(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends, Duration timeout) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), timeout) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
