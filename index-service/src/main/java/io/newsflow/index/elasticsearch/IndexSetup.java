package io.newsflow.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import co.elastic.clients.transport.TransportException;
import io.newsflow.core.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Prepares Elasticsearch for writing, on every start: waits until the cluster answers, installs (or updates) the
 * index template, and creates the first index version with both aliases when the read alias does not exist yet.
 * When it does exist, the template's mapping is applied to the write index so that fields added in a newer
 * release are known before the first document uses them.
 */
public final class IndexSetup {

    private static final Logger log = LoggerFactory.getLogger(IndexSetup.class);

    private final ElasticsearchClient client;
    private final ElasticsearchConnection connection;
    private final IndexNames names;

    public IndexSetup(ElasticsearchClient client, ElasticsearchConnection connection, IndexNames names) {
        this.client = client;
        this.connection = connection;
        this.names = names;
    }

    /**
     * Waits up to {@code maxWait} for the cluster, then installs template, index and aliases.
     *
     * @throws IllegalStateException if the cluster does not answer in time, rejects the credentials, or holds an
     *                               index layout this service cannot write to; the message says what to do
     */
    public void install(Duration maxWait) {
        awaitCluster(maxWait);
        IndexTemplate template = installTemplate();
        try {
            if (aliasExists(names.readAlias())) {
                updateWriteIndexMapping(template);
            } else {
                createFirstIndex();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the index at Elasticsearch " + connection.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Installs (or updates) the index template of this release, with stemmed sub-fields where the cluster can stem;
     * indices created from now on get its mapping. Returns it.
     */
    public IndexTemplate installTemplate() {
        try {
            boolean english = hasEnglishAnalyzer();
            IndexTemplate template = IndexTemplate.forCluster(names, english);
            client.indices().putIndexTemplate(t -> t.name(names.templateName()).withJson(new StringReader(template.templateJson())));
            log.info("index template {} installed for {} ({})", names.templateName(), names.indexPattern(),
                    english ? "with .english sub-fields" : "no english analyzer on this cluster: without .english sub-fields");
            return template;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install index template " + names.templateName() + " at Elasticsearch "
                    + connection.describe() + ": " + e.getMessage(), e);
        }
    }

    /** {@code GET _cluster/health}: the minimal distribution answers 405 to {@code GET /}, so info() and ping() cannot be used. */
    public void awaitCluster(Duration maxWait) {
        Instant deadline = Instant.now().plus(maxWait);
        String problem;
        while (true) {
            try {
                HealthResponse health = client.cluster().health();
                if (health.status() != HealthStatus.Red) {
                    log.info("Elasticsearch at {}: cluster {}, status {}, {} node(s)", connection.describe(),
                            health.clusterName(), health.status().jsonValue(), health.numberOfNodes());
                    return;
                }
                problem = "cluster status is red (a primary shard is not allocated)";
            } catch (ElasticsearchException e) {
                failOnCredentials(e.status());
                problem = e.getMessage();
            } catch (TransportException e) {
                failOnCredentials(e.statusCode());
                problem = e.getMessage();
            } catch (IOException e) {
                problem = e.toString();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Elasticsearch at " + connection.describe() + " is not ready after " + maxWait.toSeconds()
                        + " s (" + problem + "). Start it, or point " + ElasticsearchConnection.URL + " at a running cluster.");
            }
            log.info("waiting for Elasticsearch at {}: {}", connection.describe(), problem);
            sleep(Duration.ofSeconds(2));
        }
    }

    private void failOnCredentials(int status) {
        if (status == 401 || status == 403) {
            throw new IllegalStateException("Elasticsearch at " + connection.describe() + " refused the credentials (HTTP " + status
                    + "): check " + ElasticsearchConnection.USERNAME + "/" + ElasticsearchConnection.PASSWORD + " or "
                    + ElasticsearchConnection.API_KEY + " and the user's privileges on " + names.base() + "*");
        }
    }

    /** {@code POST _analyze} with the english analyzer: 200 where the cluster has it, 400 where it does not. */
    private boolean hasEnglishAnalyzer() throws IOException {
        try {
            client.indices().analyze(a -> a.analyzer("english").text("running"));
            return true;
        } catch (ElasticsearchException e) {
            if (e.status() == 400) {
                return false;
            }
            throw e;
        }
    }

    private boolean aliasExists(String alias) throws IOException {
        return client.indices().existsAlias(a -> a.name(alias)).value();
    }

    private void createFirstIndex() throws IOException {
        String index = names.index(IndexNames.FIRST_VERSION);
        try {
            client.indices().create(c -> c.index(index)
                    .aliases(names.readAlias(), a -> a)
                    .aliases(names.writeAlias(), a -> a.isWriteIndex(true)));
            log.info("created index {} with read alias {} and write alias {}", index, names.readAlias(), names.writeAlias());
        } catch (ElasticsearchException e) {
            boolean exists = e.error() != null && "resource_already_exists_exception".equals(e.error().type());
            if (exists && aliasExists(names.readAlias())) {
                return; // another instance created it at the same moment, aliases included
            }
            if (exists) {
                throw new IllegalStateException("index " + index + " exists but alias " + names.readAlias() + " does not: add the aliases ("
                        + "POST _aliases with " + names.readAlias() + " and " + names.writeAlias() + " is_write_index=true on " + index
                        + ") or delete the index so that it is created again");
            }
            throw e;
        }
    }

    private void updateWriteIndexMapping(IndexTemplate template) throws IOException {
        if (!aliasExists(names.writeAlias())) {
            throw new IllegalStateException("alias " + names.readAlias() + " exists but write alias " + names.writeAlias()
                    + " does not: point " + names.writeAlias() + " at the newest " + names.indexPattern() + " index with is_write_index=true");
        }
        try {
            client.indices().putMapping(m -> m.index(names.writeAlias()).withJson(new StringReader(template.mappingsJson())));
        } catch (ElasticsearchException e) {
            if (e.status() == 400) {
                throw new IllegalStateException("the index behind " + names.writeAlias() + " cannot take this release's mapping ("
                        + e.getMessage() + "): run ./newsflow index migrate, which creates the next index version from template "
                        + names.templateName() + ", replays " + Topics.ARTICLES_ENRICHED + " into it and moves the aliases", e);
            }
            throw e;
        }
        log.info("index behind {} is up to date with the template mapping", names.writeAlias());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Elasticsearch", e);
        }
    }
}
