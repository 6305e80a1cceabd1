package io.newsflow.deploy.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.config.Settings;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.kafka.Topics;
import io.newsflow.deploy.Await;
import io.newsflow.deploy.cli.NewsflowCommand;
import io.newsflow.deploy.testing.SharedStack;
import io.newsflow.index.IndexConfig;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import io.newsflow.index.elasticsearch.IndexSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code ./newsflow index migrate} against the shared stack while index-service runs, articles keep arriving and
 * searches keep being made: the next index version ends up with every article behind both aliases, and no search
 * meanwhile failed or saw fewer articles than before.
 */
class IndexMigrationIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int BEFORE = 30;

    @Test
    void the_enriched_topic_a_migration_replays_is_kept_whole_by_time_and_by_size() throws Exception {
        KafkaConnection connection = new KafkaConnection(SharedStack.get().kafkaBootstrapServers());
        TopicSetup.ensureTopics(connection, TopicSetup.Layout.from(new Settings(Map.of())));
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ARTICLES_ENRICHED);
        try (Admin admin = Admin.create(KafkaConfigs.admin(connection, "migrate-it-configs"))) {
            Config config = admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic);

            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");
            assertThat(config.get(TopicConfig.RETENTION_BYTES_CONFIG).value()).isEqualTo("-1");
        }
    }

    @Test
    void migrating_while_articles_arrive_and_searches_run_loses_nothing_and_interrupts_no_search() throws Exception {
        String kafka = SharedStack.get().kafkaBootstrapServers();
        String elasticsearch = SharedStack.get().elasticsearchUrl().toString();
        try (IndexTestKit kit = new IndexTestKit(kafka, SharedStack.get().elasticsearchUrl())) {
            String index = kit.unique("migrate");
            kit.startService(index, kit.unique("migrate-group"), new SimpleMeterRegistry());
            List<EnrichedArticle> before = new ArrayList<>();
            for (int n = 0; n < BEFORE; n++) {
                before.add(kit.article(n, "Before the migration " + n));
            }
            before.forEach(kit::publish);
            Await.until("the first articles searchable", WAIT, () -> kit.count(index, before) == BEFORE);

            AtomicBoolean stop = new AtomicBoolean();
            List<EnrichedArticle> during = Collections.synchronizedList(new ArrayList<>());
            Thread producer = Thread.ofPlatform().name("migrate-it-producer").start(() -> {
                for (int n = BEFORE; !stop.get(); n++) {
                    EnrichedArticle article = kit.article(n, "During the migration " + n);
                    kit.publish(article);
                    during.add(article);
                    sleep(25);
                }
            });
            AtomicLong searches = new AtomicLong();
            AtomicReference<String> searchProblem = new AtomicReference<>();
            Thread searcher = Thread.ofPlatform().name("migrate-it-searcher").start(() -> {
                while (!stop.get()) {
                    try {
                        long seen = kit.count(index, before);
                        if (seen != BEFORE) {
                            searchProblem.compareAndSet(null, "a search saw " + seen + " of the " + BEFORE + " articles");
                        }
                    } catch (RuntimeException e) {
                        searchProblem.compareAndSet(null, "a search failed: " + e);
                    }
                    searches.incrementAndGet();
                    sleep(20);
                }
            });

            StringWriter output = new StringWriter();
            int exit = new CommandLine(new NewsflowCommand()).setOut(new PrintWriter(output)).setErr(new PrintWriter(output))
                    .execute("index", "migrate", "--kafka", kafka, "--elasticsearch", elasticsearch, "--index", index);

            sleep(500); // articles keep coming after the move, now into the new index
            stop.set(true);
            producer.join();
            searcher.join();
            assertThat(exit).as("exit code; output:%n%s", output).isZero();
            assertThat(output.toString()).contains("created " + index + "-v2").contains("moved " + index + "-write to " + index + "-v2")
                    .contains("moved " + index + " to " + index + "-v2").contains("migrated " + index + "-v1 -> " + index + "-v2");
            List<EnrichedArticle> all = new ArrayList<>(before);
            all.addAll(during);
            assertThat(during).as("articles published during the migration").hasSizeGreaterThan(5);
            Await.until("every article in the new index", WAIT, () -> kit.count(index + "-v2", all) == all.size());
            assertThat(kit.count(index, all)).as("the read alias shows them all").isEqualTo(all.size());
            assertThat(searchProblem.get()).as("after %d searches", searches.get()).isNull();
            assertThat(searches.get()).isGreaterThan(10);

            JsonNode read = kit.json("GET", "/_alias/" + index, null);
            assertThat(read.fieldNames()).toIterable().containsExactly(index + "-v2");
            JsonNode write = kit.json("GET", "/_alias/" + index + "-write", null);
            assertThat(write.fieldNames()).toIterable().containsExactly(index + "-v2");
            assertThat(write.at("/" + index + "-v2/aliases/" + index + "-write/is_write_index").asBoolean()).isTrue();
            assertThat(kit.status("GET", "/_alias/" + index + "-migrating", null)).isEqualTo(404);
            assertThat(kit.status("HEAD", "/" + index + "-v1", null)).as("the old index is kept").isEqualTo(200);

            StringWriter status = new StringWriter();
            new CommandLine(new NewsflowCommand()).setOut(new PrintWriter(status))
                    .execute("index", "status", "--kafka", kafka, "--elasticsearch", elasticsearch, "--index", index);
            assertThat(status.toString()).contains("alias " + index + " -> " + index + "-v2")
                    .contains("alias " + index + "-write -> " + index + "-v2 (write index)").contains("index " + index + "-v1:");
        }
    }

    @Test
    void an_index_whose_mapping_this_release_cannot_update_stops_the_service_until_a_migration_moves_it_on() throws Exception {
        String kafka = SharedStack.get().kafkaBootstrapServers();
        String elasticsearch = SharedStack.get().elasticsearchUrl().toString();
        try (IndexTestKit kit = new IndexTestKit(kafka, SharedStack.get().elasticsearchUrl())) {
            String index = kit.unique("old-mapping");
            // As an earlier release left it: cited sources as plain objects, which cannot become nested in place.
            assertThat(kit.status("PUT", "/" + index + "-v1", """
                    {"mappings": {"properties": {"citedSources": {"properties": {"kind": {"type": "keyword"}}}}},
                     "aliases": {"%s": {}, "%s-write": {"is_write_index": true}}}""".formatted(index, index))).isEqualTo(200);
            Settings settings = kit.settings(index, kit.unique("old-mapping-group"));
            IndexConfig config = IndexConfig.from(settings);
            try (ElasticsearchClient client = ElasticsearchClients.create(config.elasticsearch())) {
                assertThatThrownBy(() -> new IndexSetup(client, config.elasticsearch(), config.index()).install(Duration.ofSeconds(30)))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot take this release's mapping").hasMessageContaining("run ./newsflow index migrate");
            }
            List<EnrichedArticle> articles = List.of(kit.article(1, "Old mapping one"), kit.article(2, "Old mapping two"));
            // Last on the topic, a transaction's commit marker: the replay must see past it to know it caught up.
            kit.publishInTransaction(articles);

            StringWriter output = new StringWriter();
            int exit = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> new CommandLine(new NewsflowCommand())
                    .setOut(new PrintWriter(output)).setErr(new PrintWriter(output))
                    .execute("index", "migrate", "--kafka", kafka, "--elasticsearch", elasticsearch, "--index", index));

            assertThat(exit).as("exit code; output:%n%s", output).isZero();
            assertThat(kit.json("GET", "/" + index + "-v2/_mapping", null).at("/" + index + "-v2/mappings/properties/citedSources/type").asText())
                    .isEqualTo("nested");
            assertThat(kit.count(index, articles)).as("the migration replayed them").isEqualTo(articles.size());
            kit.startService(index, kit.unique("old-mapping-group"), new SimpleMeterRegistry());
            EnrichedArticle after = kit.article(3, "After the migration");
            kit.publish(after);
            Await.until("index-service writing the new index", WAIT, () -> kit.count(index + "-v2", List.of(after)) == 1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
