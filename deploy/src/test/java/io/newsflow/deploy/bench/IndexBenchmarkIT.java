package io.newsflow.deploy.bench;

import io.newsflow.deploy.ElasticsearchQueries;
import io.newsflow.deploy.Repository;
import io.newsflow.deploy.stack.FileTrees;
import io.newsflow.deploy.stack.Stack;
import io.newsflow.deploy.stack.StackOptions;
import io.newsflow.deploy.stack.Stacks;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./newsflow bench index} on a small load, on a Kafka broker and an Elasticsearch node of its own (it reads its
 * topic from the beginning, which on the shared stack holds other tests' records), with index-service running from its
 * jar: both sides index the same documents, the service is timed until it committed them, and the CPU each side cost
 * is read.
 */
class IndexBenchmarkIT {

    private static final int WARM_UP = 500;
    private static final int MEASURED = 1_000;

    @Test
    void both_sides_index_the_same_documents_and_the_run_reports_rates_and_cpu_per_document() throws Exception {
        Path dir = Path.of("target", "index-benchmark-it").toAbsolutePath();
        FileTrees.delete(dir);
        StringWriter progress = new StringWriter();
        try (Stack stack = Stacks.start(StackOptions.freePorts(dir).withHeap("256m"))) {
            IndexBenchmark.Result result = IndexBenchmark.run(stack, Repository.root(), dir.resolve("logs"), WARM_UP, MEASURED,
                    new PrintWriter(progress, true));

            assertThat(result.documents()).isEqualTo(MEASURED);
            assertThat(result.serviceDocsPerSecond()).isPositive();
            assertThat(result.ceilingDocsPerSecond()).isPositive();
            assertThat(result.service().clientMicros()).as("index-service's CPU in its JVM").isPositive();
            assertThat(result.service().elasticsearchMicros()).as("the node's CPU while the service indexed").isPositive();
            assertThat(result.ceiling().elasticsearchMicros()).as("the node's CPU while the plain loop indexed").isPositive();
            assertThat(progress.toString()).contains("settled in").contains("round 8:").contains("CPU per document:");

            ElasticsearchQueries elasticsearch = new ElasticsearchQueries(stack.elasticsearchUrl());
            elasticsearch.refresh("bench-service");
            elasticsearch.refresh("bench-ceiling-v1");
            assertThat(elasticsearch.count("bench-service")).as("every article indexed once by the service")
                    .isEqualTo(WARM_UP + MEASURED);
            assertThat(elasticsearch.allIds("bench-ceiling-v1")).as("the plain loop wrote the very same documents")
                    .containsExactlyInAnyOrderElementsOf(elasticsearch.allIds("bench-service"));
        }
    }
}
