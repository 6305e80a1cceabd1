package io.newsflow.deploy.index;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.deploy.Await;
import io.newsflow.deploy.stack.ElasticsearchNode;
import io.newsflow.deploy.stack.FileTrees;
import io.newsflow.deploy.stack.StackOptions;
import io.newsflow.deploy.testing.SharedStack;
import io.newsflow.index.IndexService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elasticsearch stops in the middle of a stream and comes back: index-service holds its offsets, reports itself
 * unready, and afterwards every article is in the index exactly once. The node is this class's own (the shared stack's
 * must stay up for the other tests), in {@code target/index-outage-it}; Kafka is the shared stack's.
 */
class ElasticsearchOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int PER_PHASE = 40;

    private static ElasticsearchNode node;

    @BeforeAll
    static void startNode() throws IOException {
        Path dir = Path.of("target", "index-outage-it").toAbsolutePath();
        FileTrees.delete(dir); // starts on empty data: the node's files of an earlier run go
        node = new ElasticsearchNode(ElasticsearchNode.Config.of(StackOptions.freePorts(dir).withHeap("256m")
                .withStartTimeout(Duration.ofSeconds(120))));
        node.start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }


    @Test
    void an_outage_mid_stream_holds_the_offsets_and_afterwards_every_article_is_indexed_exactly_once() {
        try (IndexTestKit kit = new IndexTestKit(SharedStack.get().kafkaBootstrapServers(), node.url())) {
            String index = kit.unique("outage");
            String group = kit.unique("outage-group");
            IndexService service = kit.startService(index, group, new SimpleMeterRegistry());
            List<EnrichedArticle> articles = new ArrayList<>();
            for (int n = 0; n < 3 * PER_PHASE; n++) {
                articles.add(kit.article(n, "Article " + n));
            }

            articles.subList(0, PER_PHASE).forEach(kit::publish);
            Await.until("the first articles indexed", WAIT, () -> kit.count(index, articles.subList(0, PER_PHASE)) == PER_PHASE);
            Await.until("their offsets committed", WAIT, () -> IndexTestKit.indexing(service).up());
            long committedBefore = kit.committed(group);

            node.stop();
            articles.subList(PER_PHASE, 2 * PER_PHASE).forEach(kit::publish);

            Await.until("the indexing check down while Elasticsearch is away", WAIT, () -> !IndexTestKit.indexing(service).up());
            assertThat(service.readiness()).filteredOn(check -> check.name().equals("elasticsearch"))
                    .allSatisfy(check -> assertThat(check.up()).isFalse());
            assertThat(kit.committed(group)).as("no offset moves while Elasticsearch is down").isEqualTo(committedBefore);

            node.start();
            articles.subList(2 * PER_PHASE, 3 * PER_PHASE).forEach(kit::publish);

            Await.until("every article indexed after the restart", WAIT, () -> kit.count(index, articles) == articles.size());
            Await.until("the indexing check up again", WAIT, () -> IndexTestKit.indexing(service).up());
            assertThat(kit.json("POST", "/" + index + "/_count", "{\"query\":{\"prefix\":{\"url\":\""
                    + articles.getFirst().article().url().replace("article-0", "") + "\"}}}").path("count").asLong())
                    .as("exactly once: no article twice, nothing else of this run").isEqualTo(articles.size());
            for (EnrichedArticle article : List.of(articles.getFirst(), articles.get(PER_PHASE + 1), articles.getLast())) {
                assertThat(kit.document(index, article.id()).at("/_source/title").asText()).isEqualTo(article.article().title());
            }
        }
    }
}
