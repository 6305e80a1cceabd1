package io.newsflow.index.consume;

import io.newsflow.index.document.IndexDocument;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records read but not yet committed, in the order they were read, each with what remains to be done for it.
 * A record is final once it is indexed, refused as an older version, or in the dead-letter topic; offsets are
 * committed only past final records.
 */
final class PendingBatch {

    enum State {
        /** To be written to Elasticsearch. */
        TO_INDEX,
        /** To be written to the dead-letter topic (undecodable, or refused by Elasticsearch). */
        TO_DEAD_LETTER,
        /** Final. */
        DONE
    }

    static final class Entry {
        private final ConsumerRecord<byte[], byte[]> record;
        private final IndexDocument document;
        private State state;
        private Throwable rejection;

        private Entry(ConsumerRecord<byte[], byte[]> record, IndexDocument document, State state, Throwable rejection) {
            this.record = record;
            this.document = document;
            this.state = state;
            this.rejection = rejection;
        }

        static Entry toIndex(ConsumerRecord<byte[], byte[]> record, IndexDocument document) {
            return new Entry(record, document, State.TO_INDEX, null);
        }

        static Entry toDeadLetter(ConsumerRecord<byte[], byte[]> record, Throwable reason) {
            return new Entry(record, null, State.TO_DEAD_LETTER, reason);
        }

        ConsumerRecord<byte[], byte[]> record() {
            return record;
        }

        /** The document to write; null for a record that could not be read. */
        IndexDocument document() {
            return document;
        }

        State state() {
            return state;
        }

        /** Why the record goes to the dead-letter topic. */
        Throwable rejection() {
            return rejection;
        }

        void done() {
            state = State.DONE;
        }

        void reject(Throwable reason) {
            state = State.TO_DEAD_LETTER;
            rejection = reason;
        }

        TopicPartition partition() {
            return new TopicPartition(record.topic(), record.partition());
        }

        String describe() {
            return record.topic() + "-" + record.partition() + "@" + record.offset();
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private long bytes;

    void add(Entry entry) {
        entries.add(entry);
        bytes += valueBytes(entry);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    /** Bytes of the record values read, which a batch's bulk requests about match. */
    long bytes() {
        return bytes;
    }

    /** The documents of the entries that have one, in order. */
    List<IndexDocument> documents() {
        return entries.stream().map(Entry::document).filter(d -> d != null).toList();
    }

    List<Entry> inState(State state) {
        return entries.stream().filter(e -> e.state() == state).toList();
    }

    long count(State state) {
        return entries.stream().filter(e -> e.state() == state).count();
    }

    boolean allDone() {
        return entries.stream().allMatch(e -> e.state() == State.DONE);
    }

    Set<TopicPartition> partitions() {
        Set<TopicPartition> partitions = new HashSet<>();
        entries.forEach(e -> partitions.add(e.partition()));
        return partitions;
    }

    /**
     * For each of {@code partitions} that has records in the batches (read one after the other, in this order), the
     * offset to commit: just past the last record of an unbroken run of final records from the partition's first record
     * there. A partition whose first record is not final gets no entry (its committed offset stays where it is).
     */
    static Map<TopicPartition, OffsetAndMetadata> committableOffsets(Collection<PendingBatch> inReadOrder,
                                                                    Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Set<TopicPartition> blocked = new HashSet<>();
        for (PendingBatch batch : inReadOrder) {
            for (Entry entry : batch.entries) {
                TopicPartition partition = entry.partition();
                if (!partitions.contains(partition) || blocked.contains(partition)) {
                    continue;
                }
                if (entry.state() == State.DONE) {
                    offsets.put(partition, new OffsetAndMetadata(entry.record().offset() + 1));
                } else {
                    blocked.add(partition);
                }
            }
        }
        return offsets;
    }

    /** Forgets the records of {@code partitions} (revoked: their next owner reads them again); returns how many were not final. */
    int drop(Collection<TopicPartition> partitions) {
        int notFinal = 0;
        var it = entries.iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (partitions.contains(entry.partition())) {
                if (entry.state() != State.DONE) {
                    notFinal++;
                }
                bytes -= valueBytes(entry);
                it.remove();
            }
        }
        return notFinal;
    }

    private static int valueBytes(Entry entry) {
        return entry.record().value() == null ? 0 : entry.record().value().length;
    }

    void clear() {
        entries.clear();
        bytes = 0;
    }
}
