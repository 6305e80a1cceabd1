package io.newsflow.deploy.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.cat.indices.IndicesRecord;
import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.TopicScan;
import io.newsflow.core.kafka.Topics;
import io.newsflow.index.IndexConfig;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import io.newsflow.index.elasticsearch.ElasticsearchConnection;
import io.newsflow.index.elasticsearch.IndexNames;
import io.newsflow.index.elasticsearch.IndexSetup;
import io.newsflow.index.migrate.IndexMigration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code ./newsflow index migrate|status}: the article index as an operator sees it, and a mapping migration
 * without downtime ({@link IndexMigration}). Settings as index-service reads them, the options override them.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = "The Elasticsearch article index: its state, and mapping migrations without downtime.",
        subcommands = {IndexCommand.MigrateCommand.class, IndexCommand.StatusCommand.class})
final class IndexCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--kafka", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            defaultValue = "${env:NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS, default ${DEFAULT-VALUE}).")
    String kafka;

    @Option(names = "--elasticsearch", paramLabel = "URL", scope = ScopeType.INHERIT,
            defaultValue = "${env:NEWSFLOW_ELASTICSEARCH_URL:-http://localhost:9200}",
            description = "Elasticsearch node URL(s) (NEWSFLOW_ELASTICSEARCH_URL, default ${DEFAULT-VALUE}); credentials and CA"
                    + " come from the NEWSFLOW_ELASTICSEARCH_* variables, as for index-service.")
    String elasticsearch;

    @Option(names = "--index", paramLabel = "NAME", scope = ScopeType.INHERIT,
            defaultValue = "${env:NEWSFLOW_INDEX_NAME:-news-articles}",
            description = "The index's base name, its read alias (NEWSFLOW_INDEX_NAME, default ${DEFAULT-VALUE}).")
    String index;

    /**
     * index-service's configuration from the environment, with this command's options over it. A bad value is a usage
     * error of {@code command} (exit code 2), its message naming the variable.
     */
    IndexConfig config(CommandSpec command) {
        Map<String, String> values = new HashMap<>(System.getenv());
        values.put("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", kafka);
        values.put(ElasticsearchConnection.URL, elasticsearch);
        values.put(IndexNames.INDEX_NAME, index);
        try {
            return IndexConfig.from(new Settings(values));
        } catch (InvalidSettingException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = {"Creates the next index version from this release's template, replays " + Topics.ARTICLES_ENRICHED
                    + " from its beginning into it, and moves the write and then the read alias to it once it has caught up.",
                    "index-service and searches keep running throughout; the old index is kept, to be deleted by hand."})
    static final class MigrateCommand implements Callable<Integer> {

        @ParentCommand
        IndexCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            IndexConfig config = parent.config(spec);
            try (ElasticsearchClient client = ElasticsearchClients.create(config.elasticsearch())) {
                IndexSetup setup = new IndexSetup(client, config.elasticsearch(), config.index());
                setup.awaitCluster(TIMEOUT);
                IndexMigration.Result result = new IndexMigration(client, setup, config.index(), config.kafka(), config.bulk(),
                        Clock.systemUTC()).run(line -> {
                    out.println(line);
                    out.flush();
                });
                out.printf("migrated %s -> %s (%d records replayed)%n", result.from(), result.to(), result.replayed());
                return 0;
            } catch (IllegalStateException e) {
                spec.commandLine().getErr().println("migration failed: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The template, the aliases and the indices behind them with their documents, and how far index-service"
                    + " is behind " + Topics.ARTICLES_ENRICHED + ".")
    static final class StatusCommand implements Callable<Integer> {

        @ParentCommand
        IndexCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            IndexConfig config = parent.config(spec);
            IndexNames names = config.index();
            try (ElasticsearchClient client = ElasticsearchClients.create(config.elasticsearch())) {
                boolean template = client.indices().existsIndexTemplate(t -> t.name(names.templateName())).value();
                out.printf("template %s: %s%n", names.templateName(), template ? "installed" : "missing (index-service installs it on start)");
                for (String alias : List.of(names.readAlias(), names.writeAlias(), names.migrationAlias())) {
                    out.printf("alias %s -> %s%n", alias, aliasTargets(client, alias));
                }
                List<IndicesRecord> indices = client.cat().indices(i -> i.index(names.indexPattern())).valueBody();
                for (IndicesRecord record : indices.stream().sorted((a, b) -> a.index().compareTo(b.index())).toList()) {
                    out.printf("index %s: %s documents, %s, health %s%n", record.index(), record.docsCount(), record.storeSize(),
                            record.health());
                }
            }
            out.printf("consumer group %s: %s%n", config.groupId(), lag(config));
            return 0;
        }

        private static String aliasTargets(ElasticsearchClient client, String alias) throws IOException {
            try {
                Map<String, IndexAliases> targets = new TreeMap<>(client.indices().getAlias(a -> a.name(alias)).result());
                return String.join(", ", targets.entrySet().stream().map(target -> {
                    var definition = target.getValue().aliases().get(alias);
                    return target.getKey() + (definition != null && Boolean.TRUE.equals(definition.isWriteIndex()) ? " (write index)" : "");
                }).toList());
            } catch (ElasticsearchException e) {
                if (e.status() == 404) {
                    return "(none)";
                }
                throw e;
            }
        }

        /** How many records of the topic the group has not committed yet. */
        private static String lag(IndexConfig config) throws Exception {
            try (Admin admin = Admin.create(KafkaConfigs.admin(config.kafka(), "newsflow-cli-index-status"));
                 KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(config.kafka(), "newsflow-cli-index-status", null))) {
                List<TopicPartition> partitions = TopicScan.assignAll(consumer, Topics.ARTICLES_ENRICHED, TIMEOUT);
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(config.groupId())
                        .partitionsToOffsetAndMetadata().get();
                long end = 0;
                long done = 0;
                for (Map.Entry<TopicPartition, Long> partition : ends.entrySet()) {
                    OffsetAndMetadata offset = committed.get(partition.getKey());
                    end += partition.getValue();
                    done += offset == null ? 0 : offset.offset();
                }
                return "committed " + done + " of " + end + " records of " + Topics.ARTICLES_ENRICHED + ", lag " + (end - done);
            }
        }
    }
}
