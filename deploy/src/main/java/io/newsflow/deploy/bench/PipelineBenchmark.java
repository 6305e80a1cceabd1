package io.newsflow.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.deploy.run.ServiceProcess;
import io.newsflow.deploy.stack.FileTrees;
import io.newsflow.deploy.stack.Stack;
import io.newsflow.deploy.stack.StackOptions;
import io.newsflow.deploy.stack.Stacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * {@code ./newsflow bench pipeline}: the whole pipeline on a fresh local stack, the three services as the child JVMs an
 * operator runs, fed by generated local feeds.
 * <ul>
 *   <li>Throughput: a backlog of articles waiting in the feeds, from the first feed request to the last article
 *   searchable, next to a plain {@code _bulk} load of the very same documents into an index with the same mapping on the
 *   same node (one request of 500 at a time, then a refresh): the ceiling, and the ratio to it.</li>
 *   <li>Freshness: items appearing in feeds polled every second (the stream begins once ingest polls them all), from the
 *   moment an item appears to the moment its article is searchable (Elasticsearch asked every 100 ms), p50 / p95 / p99.</li>
 *   <li>Memory: the peak resident memory of each service over both.</li>
 * </ul>
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"End-to-end throughput next to a plain _bulk load of the same documents, freshness p50/p95/p99,",
                "and the peak memory of each service, on a fresh local stack with generated local feeds."})
public final class PipelineBenchmark implements Callable<Integer>, Benchmark {

    private static final String INDEX = "bench-articles";
    private static final String CEILING_INDEX = "bench-bulk-ceiling";
    private static final int BULK_DOCS = 500;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);
    private static final int LIVE_FEEDS = 10;
    /** One new item per feed every 2 s: with the feed polled every second, one host sees 1.5 requests a second, within
     * the default politeness budget of a request every 500 ms, so freshness measures the pipeline, not the budget. */
    private static final Duration FRESHNESS_ITEM_EVERY = Duration.ofSeconds(2);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(2);
    private static final List<String> SERVICES = List.of("index-service", "enrich-service", "ingest-service");

    @Option(names = "--feeds", defaultValue = "100", description = "Feeds of the backlog (default ${DEFAULT-VALUE}).")
    int feeds;

    @Option(names = "--items", defaultValue = "10", description = "Articles per feed in the backlog (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--stream", defaultValue = "30s", description = "How long items keep appearing for the freshness measure (default ${DEFAULT-VALUE}).")
    String stream;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the benchmark's stack keeps its data, emptied first. Default: bench-stack under the local stack's base directory.")
    Path dataDir;

    @Spec
    CommandSpec spec;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Long> peakRssMb = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BenchReport.publish(measure(out), "bench pipeline", home(), out);
        return 0;
    }

    @Override
    public List<BenchResult> measure(PrintWriter out) throws Exception {
        if (feeds < 1 || items < 1 || (long) feeds * items > 10_000) {
            throw new IllegalArgumentException("--feeds and --items must be at least 1 and their product at most 10,000"
                    + " (one search reads them all back); got " + feeds + " x " + items);
        }
        Path dir = (dataDir != null ? dataDir : StackOptions.defaultBaseDir().resolve("bench-stack")).toAbsolutePath();
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the benchmark's directory " + dir + " (a stack of an earlier run still using it?)", e);
        }
        Path home = home();
        List<ServiceProcess> running = new ArrayList<>();
        say(out, "starting a fresh Kafka and Elasticsearch in %s", dir);
        try (Stack stack = Stacks.start(StackOptions.freePorts(dir));
             GeneratedFeeds backlog = GeneratedFeeds.start(feeds, items, Duration.ZERO)) {
            URI es = stack.elasticsearchUrl();
            Path backlogList = dir.resolve("backlog.opml");
            Files.writeString(backlogList, backlog.opml());
            for (String service : SERVICES) {
                running.add(start(home, service, stack, backlogList, dir));
            }
            int total = feeds * items;
            say(out, "throughput: %d feeds x %d articles waiting", feeds, items);
            awaitOrFail("all " + total + " articles searchable", CATCH_UP_TIMEOUT, () -> count(es, INDEX) >= total, running);
            Instant done = Instant.now();
            Duration pipeline = Duration.between(backlog.firstRequestAt(), done);
            double pipelineRate = total / seconds(pipeline);
            say(out, "  pipeline: %d articles in %.1f s", total, seconds(pipeline));

            Duration bulk = bulkCeiling(es, total);
            double ceilingRate = total / seconds(bulk);
            say(out, "  plain _bulk of the same %d documents: %.1f s", total, seconds(bulk));
            recordPeaks(running);

            // Freshness: the ingest instance is replaced by one that also has the streaming feeds; the backlog feeds stay
            // subscribed and are polled too, with nothing new in them.
            ServiceProcess ingest = running.removeLast();
            ingest.close();
            Duration streamFor = Duration.parse("PT" + stream.toUpperCase(Locale.ROOT));
            try (GeneratedFeeds live = GeneratedFeeds.start(LIVE_FEEDS,
                    (int) (streamFor.toMillis() / FRESHNESS_ITEM_EVERY.toMillis()) + 1, FRESHNESS_ITEM_EVERY)) {
                Path liveList = dir.resolve("live.opml");
                Files.writeString(liveList, live.opml());
                running.add(start(home, "ingest-service", stack, liveList, dir));
                // Items start appearing once ingest polls every live feed: its start-up is not freshness.
                awaitOrFail("ingest polling the live feeds", WARM_UP_TIMEOUT, () -> live.allPolled(2), running);
                live.begin();
                say(out, "freshness: %d feeds polled every second, a new item in each every %d s, for %s",
                        LIVE_FEEDS, FRESHNESS_ITEM_EVERY.toSeconds(), stream);
                List<Double> latencies = freshness(es, live, streamFor, running);
                recordPeaks(running);
                List<BenchResult> results = new ArrayList<>();
                results.add(new BenchResult("pipeline", "throughput, " + total + " articles", pipelineRate, "articles/s",
                        "plain _bulk", ceilingRate));
                results.add(BenchResult.of("pipeline", "freshness p50 (" + latencies.size() + " items)", percentile(latencies, 50), "s"));
                results.add(BenchResult.of("pipeline", "freshness p95", percentile(latencies, 95), "s"));
                results.add(BenchResult.of("pipeline", "freshness p99", percentile(latencies, 99), "s"));
                peakRssMb.forEach((service, mb) -> results.add(BenchResult.of("pipeline", "peak RSS " + service, mb, "MiB")));
                return results;
            }
        } finally {
            for (ServiceProcess service : running.reversed()) {
                service.close();
            }
        }
    }

    private ServiceProcess start(Path home, String service, Stack stack, Path feedList, Path dir) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("NEWSFLOW_HTTP_HOST", "127.0.0.1");
        env.put("NEWSFLOW_HTTP_PORT", "0");
        env.put("NEWSFLOW_LOG_FORMAT", "text");
        env.put(KafkaConnection.BOOTSTRAP_SERVERS, stack.kafkaBootstrapServers());
        env.put("NEWSFLOW_ELASTICSEARCH_URL", stack.elasticsearchUrl().toString());
        env.put("NEWSFLOW_INDEX_NAME", INDEX);
        env.put("NEWSFLOW_FEEDS", feedList.toString());
        env.put("NEWSFLOW_POLL_INTERVAL", "1s");
        // Pinned: an adaptive schedule would stretch the interval of feeds that stay empty before the stream begins.
        env.put("NEWSFLOW_POLL_MAX_INTERVAL", "1s");
        env.put("NEWSFLOW_FETCH_ALLOW_PRIVATE", "true");
        env.put("NEWSFLOW_INGEST_INSTANCE_ID", "bench");
        env.put("NEWSFLOW_ENRICH_INSTANCE_ID", "bench");
        env.put("NEWSFLOW_ENRICH_STATE_DIR", dir.resolve("enrich-state").toString());
        return ServiceProcess.start(home, service, env, dir.resolve("logs"));
    }

    /** Reads the pipeline's documents back and loads them with plain _bulk requests into an index of the same mapping. */
    private Duration bulkCeiling(URI es, int total) throws IOException, InterruptedException {
        JsonNode mapping = json(send(HttpRequest.newBuilder(es.resolve("/" + INDEX + "/_mapping")).GET())).elements().next().path("mappings");
        JsonNode settings = json(send(HttpRequest.newBuilder(es.resolve("/" + INDEX + "/_settings")).GET())).elements().next()
                .path("settings").path("index");
        // The same mapping, analysers, shards and replicas as the pipeline's index: only the way documents arrive differs.
        ObjectNode index = Json.mapper().createObjectNode();
        for (String setting : List.of("analysis", "number_of_shards", "number_of_replicas")) {
            if (settings.has(setting)) {
                index.set(setting, settings.get(setting));
            }
        }
        ObjectNode create = Json.mapper().createObjectNode();
        create.putObject("settings").set("index", index);
        create.set("mappings", mapping);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(es.resolve("/" + CEILING_INDEX))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofString(create.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 200) {
            throw new IllegalStateException("cannot create the baseline index " + CEILING_INDEX + ": HTTP " + created.statusCode() + " " + created.body());
        }
        JsonNode hits = json(send(HttpRequest.newBuilder(es.resolve("/" + INDEX + "/_search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"size\":" + total + ",\"query\":{\"match_all\":{}}}")))).path("hits").path("hits");
        List<String> requests = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int inBody = 0;
        for (JsonNode hit : hits) {
            body.append("{\"index\":{\"_id\":").append(Json.toString(hit.path("_id").asText())).append("}}\n")
                    .append(hit.path("_source")).append('\n');
            if (++inBody == BULK_DOCS) {
                requests.add(body.toString());
                body.setLength(0);
                inBody = 0;
            }
        }
        if (inBody > 0) {
            requests.add(body.toString());
        }
        long started = System.nanoTime();
        for (String request : requests) {
            String response = send(HttpRequest.newBuilder(es.resolve("/" + CEILING_INDEX + "/_bulk"))
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(request)));
            if (json(response).path("errors").asBoolean(true)) {
                throw new IllegalStateException("the baseline _bulk load failed: " + response.substring(0, Math.min(500, response.length())));
            }
        }
        send(HttpRequest.newBuilder(es.resolve("/" + CEILING_INDEX + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()));
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Seconds from each item's appearance to its article being searchable, for every item that appeared. */
    private List<Double> freshness(URI es, GeneratedFeeds live, Duration streamFor, List<ServiceProcess> running)
            throws InterruptedException {
        Map<String, Instant> searchableAt = new HashMap<>();
        Instant streamEnd = Instant.now().plus(streamFor);
        Instant deadline = streamEnd.plus(Duration.ofMinutes(2));
        boolean frozen = false;
        while (true) {
            Instant now = Instant.now();
            if (!frozen && now.isAfter(streamEnd)) {
                live.freeze();
                frozen = true;
            }
            Map<String, String> idsByUrl = new HashMap<>();
            for (String url : live.listedArticleUrls()) {
                String id = ArticleId.of(url);
                if (!searchableAt.containsKey(id)) {
                    idsByUrl.put(id, url);
                }
            }
            if (frozen && idsByUrl.isEmpty()) {
                break;
            }
            if (now.isAfter(deadline)) {
                throw new IllegalStateException(idsByUrl.size() + " streamed articles still not searchable 2 minutes after the stream ended");
            }
            Instant asked = Instant.now();
            for (String id : searchable(es, idsByUrl.keySet())) {
                searchableAt.put(id, asked);
            }
            requireAlive(running);
            Thread.sleep(100);
        }
        List<Double> latencies = new ArrayList<>();
        live.appearedAt().forEach((url, appeared) ->
                latencies.add(Duration.between(appeared, searchableAt.get(ArticleId.of(url))).toMillis() / 1000.0));
        latencies.sort(Comparator.naturalOrder());
        return latencies;
    }

    private List<String> searchable(URI es, java.util.Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String body = "{\"size\":" + ids.size() + ",\"_source\":false,\"query\":{\"ids\":{\"values\":" + Json.toString(ids) + "}}}";
        try {
            return json(send(HttpRequest.newBuilder(es.resolve("/" + INDEX + "/_search")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)))).path("hits").path("hits").findValuesAsText("_id");
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private long count(URI es, String index) {
        try {
            return json(send(HttpRequest.newBuilder(es.resolve("/" + index + "/_count")).GET())).path("count").asLong(0);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void recordPeaks(List<ServiceProcess> running) {
        for (ServiceProcess service : running) {
            peakRssMb.merge(service.name(), BenchReport.peakRssMb(service.pid()), Math::max);
        }
    }

    private void awaitOrFail(String what, Duration timeout, BooleanSupplier done, List<ServiceProcess> running) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            requireAlive(running);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static void requireAlive(List<ServiceProcess> running) {
        for (ServiceProcess service : running) {
            if (!service.isAlive()) {
                throw new IllegalStateException(service.name() + " exited during the benchmark; see " + service.logFile());
            }
        }
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private static JsonNode json(String body) {
        try {
            return Json.fromString(body, JsonNode.class);
        } catch (RuntimeException e) {
            return Json.mapper().createObjectNode();
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static void say(PrintWriter out, String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    static Path home() {
        return Path.of(System.getProperty("newsflow.home", ".")).toAbsolutePath();
    }
}
