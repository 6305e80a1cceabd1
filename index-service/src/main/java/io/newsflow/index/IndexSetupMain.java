package io.newsflow.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import io.newsflow.index.elasticsearch.IndexSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the index template and creates the first index with its aliases, then exits: what index-service does on
 * start, as a one-shot step for deployments that prepare Elasticsearch before any service runs (the Compose setup
 * job). Same settings as index-service; exit code 0 when done, 2 for a bad setting, 1 when Elasticsearch refused.
 */
public final class IndexSetupMain {

    private static final Logger log = LoggerFactory.getLogger(IndexSetupMain.class);

    private IndexSetupMain() {
    }

    public static void main(String[] args) {
        int exitCode = run(Settings.fromEnvironment());
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Installs what index-service needs in Elasticsearch; returns the process exit code. Safe to run again. */
    public static int run(Settings settings) {
        IndexConfig config;
        try {
            config = IndexConfig.from(settings);
        } catch (InvalidSettingException e) {
            log.error("index setup cannot start: {}", e.getMessage());
            return 2;
        }
        try (ElasticsearchClient elasticsearch = ElasticsearchClients.create(config.elasticsearch())) {
            new IndexSetup(elasticsearch, config.elasticsearch(), config.index()).install(config.elasticsearchStartupWait());
            log.info("index template and aliases of {} are installed", config.index().readAlias());
            return 0;
        } catch (Exception e) {
            log.error("index setup failed: {}", e.getMessage(), e);
            return 1;
        }
    }
}
