package io.newsflow.deploy.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import io.newsflow.index.elasticsearch.ElasticsearchConnection;
import io.newsflow.index.elasticsearch.IndexNames;
import io.newsflow.index.search.ArticleSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./newsflow search "query"}: the best hits of the article index, with title, publisher, time and a snippet. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Searches the indexed articles: all words must match (in title, text, summary, authors or publisher);",
                "\"quoted phrases\", -excluded words and OR work. Matched words are marked " + ArticleSearch.MARK_START + "like this"
                        + ArticleSearch.MARK_END + "."})
final class SearchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "What to look for.")
    String[] words;

    @Option(names = "--topic", paramLabel = "CODE", description = "Only articles on this IPTC topic (a code like medtop:11000000,"
            + " which includes its narrower topics, or a label like \"diplomacy\").")
    String topic;

    @Option(names = "--source", paramLabel = "NAME", description = "Only articles of this publisher (its name, id or domain).")
    String source;

    @Option(names = "--cites", paramLabel = "NAME", description = "Only articles that cite this source (\"Reuters\", \"NATO\").")
    String cites;

    @Option(names = "--since", paramLabel = "AGE", description = "Only articles published within this age: 30m, 24h, 7d, 2w.")
    String since;

    @Option(names = "--size", paramLabel = "N", defaultValue = "10", description = "How many hits (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--elasticsearch", paramLabel = "URL", defaultValue = "${env:NEWSFLOW_ELASTICSEARCH_URL:-http://localhost:9200}",
            description = "Elasticsearch node URL(s) (NEWSFLOW_ELASTICSEARCH_URL, default ${DEFAULT-VALUE}); credentials and CA"
                    + " come from the NEWSFLOW_ELASTICSEARCH_* variables, as for index-service.")
    String elasticsearch;

    @Option(names = "--index", paramLabel = "NAME", defaultValue = "${env:NEWSFLOW_INDEX_NAME:-news-articles}",
            description = "The index's read alias (NEWSFLOW_INDEX_NAME, default ${DEFAULT-VALUE}).")
    String index;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArticleSearch.Query query;
        ElasticsearchConnection connection;
        IndexNames names;
        try {
            query = new ArticleSearch.Query(String.join(" ", words), topic, source, cites, since, size);
            Map<String, String> values = new HashMap<>(System.getenv());
            values.put(ElasticsearchConnection.URL, elasticsearch);
            values.put(IndexNames.INDEX_NAME, index);
            Settings settings = new Settings(values);
            connection = ElasticsearchConnection.from(settings);
            names = IndexNames.from(settings);
        } catch (IllegalArgumentException | InvalidSettingException e) {
            err.println(e.getMessage());
            return 2;
        }
        ArticleSearch.Results results;
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            results = new ArticleSearch(client, names.readAlias()).search(query);
        } catch (ElasticsearchException e) {
            err.printf("the search at %s failed: %s%s%n", connection.describe(), e.getMessage(),
                    e.status() == 404 ? " (no index yet: start the pipeline, e.g. ./newsflow up)" : "");
            return 1;
        } catch (IOException e) {
            err.printf("Elasticsearch at %s does not answer (%s): start it (./newsflow stack or ./newsflow up) or pass --elasticsearch%n",
                    connection.describe(), e.getMessage());
            return 1;
        }
        int n = 0;
        for (ArticleSearch.Result hit : results.hits()) {
            out.printf("%d. %s%n   %s | %s | %s%n   %s%n%n", ++n, hit.title(), hit.publisher(), hit.publishedAt(), hit.url(), hit.snippet());
        }
        out.printf("%d of %d matching articles for \"%s\"%n", results.hits().size(), results.total(), query.words());
        return 0;
    }
}
