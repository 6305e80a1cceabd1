package io.newsflow.core.metrics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared stage counters as Prometheus renders them, in a process registry with the JVM meters. */
class StageCountersTest {

    private final ProcessMetrics metrics = new ProcessMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void articles_and_dead_letters_are_counted_by_stage_and_error_class() {
        StageCounters enrich = new StageCounters(metrics.registry(), "enrich");

        enrich.articles(2);
        enrich.deadLetter("io.newsflow.core.json.InvalidRecordException");
        enrich.deadLetter("io.newsflow.core.json.InvalidRecordException");
        enrich.deadLetter("java.lang.StackOverflowError");

        String scrape = metrics.registry().scrape();
        assertThat(scrape).contains("newsflow_articles_total{stage=\"enrich\"} 2.0")
                .contains("newsflow_dead_letters_total{exception=\"InvalidRecordException\",stage=\"enrich\"} 2.0")
                .contains("newsflow_dead_letters_total{exception=\"StackOverflowError\",stage=\"enrich\"} 1.0");
    }

    @Test
    void the_process_registry_carries_jvm_and_process_meters() {
        assertThat(metrics.registry().scrape()).contains("jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads",
                "process_cpu_usage", "process_uptime_seconds", "jvm_info");
    }
}
