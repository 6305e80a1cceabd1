package io.newsflow.index.bulk;

import io.newsflow.index.document.IndexDocument;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BulkChunksTest {

    private static IndexDocument doc(int n, int sourceBytes) {
        return new IndexDocument("id" + n, n + 1, new byte[sourceBytes]);
    }

    private static List<IndexDocument> docs(int count, int sourceBytes) {
        return IntStream.range(0, count).mapToObj(n -> doc(n, sourceBytes)).toList();
    }

    @Test
    void splits_by_document_count_keeping_order() {
        List<IndexDocument> docs = docs(1201, 100);
        List<List<IndexDocument>> chunks = BulkChunks.split(docs, Function.identity(), new BulkLimits(500, 10_000_000, Duration.ofSeconds(1), 1));
        assertThat(chunks).extracting(List::size).containsExactly(500, 500, 201);
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(docs);
    }

    @Test
    void splits_by_request_bytes() {
        List<IndexDocument> docs = docs(10, 1000);
        long perDoc = BulkChunks.requestBytes(docs.get(0));
        assertThat(perDoc).isGreaterThan(1000);
        List<List<IndexDocument>> chunks = BulkChunks.split(docs, Function.identity(), new BulkLimits(500, 3 * perDoc, Duration.ofSeconds(1), 1));
        assertThat(chunks).extracting(List::size).containsExactly(3, 3, 3, 1);
    }

    @Test
    void a_document_larger_than_the_byte_limit_goes_alone() {
        List<IndexDocument> docs = List.of(doc(0, 10), doc(1, 5000), doc(2, 10));
        List<List<IndexDocument>> chunks = BulkChunks.split(docs, Function.identity(), new BulkLimits(500, 1000, Duration.ofSeconds(1), 1));
        assertThat(chunks).extracting(List::size).containsExactly(1, 1, 1);
        assertThat(chunks.get(1).get(0).id()).isEqualTo("id1");
    }

    @Test
    void nothing_to_write_makes_no_request() {
        assertThat(BulkChunks.split(List.<IndexDocument>of(), Function.identity(), new BulkLimits(500, 1000, Duration.ofSeconds(1), 1))).isEmpty();
    }
}
