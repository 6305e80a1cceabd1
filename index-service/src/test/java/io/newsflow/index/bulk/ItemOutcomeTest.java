package io.newsflow.index.bulk;

import io.newsflow.index.bulk.ItemOutcome.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ItemOutcomeTest {

    @Test
    void success_is_indexed() {
        assertThat(ItemOutcome.classify(201, null, null).kind()).isEqualTo(Kind.INDEXED);
        assertThat(ItemOutcome.classify(200, null, null).kind()).isEqualTo(Kind.INDEXED);
    }

    @Test
    void a_version_conflict_is_an_expected_replay() {
        assertThat(ItemOutcome.classify(409, "version_conflict_engine_exception",
                "[abc]: version conflict, current version [10] is higher than the one provided [4]").kind())
                .isEqualTo(Kind.VERSION_CONFLICT);
    }

    @Test
    void overload_and_unavailability_are_retried() {
        assertThat(ItemOutcome.classify(429, "es_rejected_execution_exception", "rejected execution").kind()).isEqualTo(Kind.RETRY);
        assertThat(ItemOutcome.classify(503, "unavailable_shards_exception", "primary shard is not active").kind()).isEqualTo(Kind.RETRY);
        assertThat(ItemOutcome.classify(500, "null_pointer_exception", null).kind()).isEqualTo(Kind.RETRY);
    }

    @Test
    void a_document_elasticsearch_cannot_take_is_rejected_with_its_reason() {
        ItemOutcome outcome = ItemOutcome.classify(400, "strict_dynamic_mapping_exception",
                "[1:2] mapping set to strict, dynamic introduction of [surprise] within [_doc] is not allowed");
        assertThat(outcome.kind()).isEqualTo(Kind.REJECTED);
        assertThat(outcome.describe()).isEqualTo("HTTP 400 strict_dynamic_mapping_exception: "
                + "[1:2] mapping set to strict, dynamic introduction of [surprise] within [_doc] is not allowed");
        assertThat(ItemOutcome.classify(400, "document_parsing_exception", "failed to parse field [publishedAt]").kind())
                .isEqualTo(Kind.REJECTED);
    }

    @Test
    void problems_of_the_index_rather_than_the_document_are_retried_not_dead_lettered() {
        assertThat(ItemOutcome.classify(400, "index_closed_exception", "closed").kind()).isEqualTo(Kind.RETRY);
        assertThat(ItemOutcome.classify(400, "illegal_argument_exception",
                "no write index is defined for alias [news-articles-write]").kind()).isEqualTo(Kind.RETRY);
        assertThat(ItemOutcome.classify(404, "index_not_found_exception", "no such index [news-articles-write]").kind()).isEqualTo(Kind.RETRY);
        assertThat(ItemOutcome.classify(403, "cluster_block_exception", "index [x] blocked by: [FORBIDDEN/8/index write (api)]").kind())
                .isEqualTo(Kind.RETRY);
        assertThat(ItemOutcome.classify(401, "security_exception", "missing authentication credentials").kind()).isEqualTo(Kind.RETRY);
    }
}
