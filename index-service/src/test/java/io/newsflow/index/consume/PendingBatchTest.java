package io.newsflow.index.consume;

import io.newsflow.index.consume.PendingBatch.Entry;
import io.newsflow.index.consume.PendingBatch.State;
import io.newsflow.index.document.IndexDocument;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PendingBatchTest {

    private static final String TOPIC = "news.articles.enriched";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private static Entry entry(int partition, long offset) {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, partition, offset, new byte[0], new byte[100]);
        return Entry.toIndex(record, new IndexDocument("id" + offset, offset + 1, new byte[100]));
    }

    @Test
    void offsets_move_only_past_an_unbroken_run_of_final_records() {
        PendingBatch batch = new PendingBatch();
        Entry a = entry(0, 10), b = entry(0, 11), c = entry(0, 12), d = entry(1, 5);
        List.of(a, b, c, d).forEach(batch::add);
        assertThat(PendingBatch.committableOffsets(List.of(batch), Set.of(P0, P1))).isEmpty();

        a.done();
        c.done();
        assertThat(PendingBatch.committableOffsets(List.of(batch), Set.of(P0, P1))).isEqualTo(Map.of(P0, new OffsetAndMetadata(11)));
        assertThat(batch.allDone()).isFalse();

        b.reject(new IllegalStateException("refused"));
        assertThat(batch.inState(State.TO_DEAD_LETTER)).containsExactly(b);
        assertThat(PendingBatch.committableOffsets(List.of(batch), Set.of(P0))).isEqualTo(Map.of(P0, new OffsetAndMetadata(11)));

        b.done();
        d.done();
        assertThat(batch.allDone()).isTrue();
        assertThat(PendingBatch.committableOffsets(List.of(batch), batch.partitions()))
                .isEqualTo(Map.of(P0, new OffsetAndMetadata(13), P1, new OffsetAndMetadata(6)));
        assertThat(PendingBatch.committableOffsets(List.of(batch), Set.of(P1))).isEqualTo(Map.of(P1, new OffsetAndMetadata(6)));
    }

    @Test
    void over_batches_read_one_after_the_other_a_record_not_final_holds_back_its_partition_in_the_later_ones() {
        PendingBatch first = new PendingBatch();
        PendingBatch second = new PendingBatch();
        Entry a = entry(0, 10), b = entry(1, 5), c = entry(0, 11), d = entry(1, 6);
        List.of(a, b).forEach(first::add);
        List.of(c, d).forEach(second::add);
        a.done();
        c.done();
        d.done(); // came back before b, the older record of its partition

        assertThat(PendingBatch.committableOffsets(List.of(first, second), Set.of(P0, P1)))
                .isEqualTo(Map.of(P0, new OffsetAndMetadata(12)));

        b.done();
        assertThat(PendingBatch.committableOffsets(List.of(first, second), Set.of(P0, P1)))
                .isEqualTo(Map.of(P0, new OffsetAndMetadata(12), P1, new OffsetAndMetadata(7)));
    }

    @Test
    void revoked_partitions_are_dropped_and_counted() {
        PendingBatch batch = new PendingBatch();
        Entry a = entry(0, 10), b = entry(0, 11), c = entry(1, 5);
        List.of(a, b, c).forEach(batch::add);
        a.done();
        assertThat(batch.bytes()).isEqualTo(300);

        assertThat(batch.drop(Set.of(P0))).isEqualTo(1);
        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.bytes()).isEqualTo(100);
        assertThat(batch.partitions()).containsExactly(P1);
        assertThat(batch.inState(State.TO_INDEX)).containsExactly(c);

        batch.clear();
        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.allDone()).isTrue();
        assertThat(batch.bytes()).isZero();
    }
}
