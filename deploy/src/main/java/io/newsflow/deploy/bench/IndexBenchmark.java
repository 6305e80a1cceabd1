package io.newsflow.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.Attribution;
import io.newsflow.core.article.CitedSource;
import io.newsflow.core.article.DateSource;
import io.newsflow.core.article.DetectedLanguage;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.Entity;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.GeoPoint;
import io.newsflow.core.article.Place;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.TopicTag;
import io.newsflow.core.config.Settings;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.kafka.Topics;
import io.newsflow.deploy.run.ServiceProcess;
import io.newsflow.deploy.stack.FileTrees;
import io.newsflow.deploy.stack.Stack;
import io.newsflow.deploy.stack.StackOptions;
import io.newsflow.deploy.stack.Stacks;
import io.newsflow.index.bulk.BulkLimits;
import io.newsflow.index.bulk.BulkWriter;
import io.newsflow.index.document.DocumentMapper;
import io.newsflow.index.document.IndexDocument;
import io.newsflow.index.elasticsearch.IndexNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./newsflow bench index}: documents per second that index-service (consume {@link Topics#ARTICLES_ENRICHED},
 * map, bulk with versions and per-item outcomes, commit) indexes, next to a plain {@code _bulk} loop of the very same
 * documents (same JSON, ids, versions and request size, one request after the other) into an index of the same
 * template on the same node: the ceiling, and the ratio to it (target 0.9 or more). The service runs from its jar in
 * a JVM of its own, as {@code ./newsflow up} runs it, so that its CPU time, heap and JIT compiler are its own, and the
 * benchmark's work between turns (generating and publishing articles) is not counted against it. Each side first
 * runs once on a warm-up share of the documents, into an index of its own, so that neither pays for the JIT or
 * Elasticsearch's first-request costs; then both take turns, round by round, on the measured share, each turn
 * starting once both JVMs are idle. Beside the rates it prints the CPU time each side cost per document, in its own
 * JVM (index-service's, or the plain loop's client's) and in Elasticsearch: on a machine where all share the cores,
 * that is where a ratio below 1 comes from.
 */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"index-service's documents per second from " + Topics.ARTICLES_ENRICHED + " next to a plain _bulk loop",
                "of the same documents on the same node (the ceiling), as a ratio; on a fresh local stack."})
public final class IndexBenchmark implements Callable<Integer>, Benchmark {

    private static final String CLIENT_ID = "newsflow-bench-index";
    private static final String SERVICE = "index-service";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** How often, while the service's log lags behind, the benchmark also asks the broker whether the round is committed. */
    private static final Duration CROSS_CHECK = Duration.ofSeconds(2);
    /**
     * Many turns, as Elasticsearch's background work (merges) started by one side spills into the next turn; by default
     * each long enough (5,000 articles, about a second) that a turn's start and end weigh little beside it.
     */
    private static final int ROUNDS = 8;
    /** How long both JVMs must have been idle after the warm-up before the measured rounds start, and before each turn. */
    private static final Duration SETTLED = Duration.ofSeconds(1);
    private static final Duration TURN_SETTLED = Duration.ofMillis(250);
    /** The share of a core index-service's JVM may use and count as idle. */
    private static final double IDLE_SHARE = 0.02;
    /** Both sides index into indices of their own that the warm-up already filled, and go on there. */
    private static final String SERVICE_INDEX = "bench-service";
    private static final String CEILING_INDEX = "bench-ceiling";

    /**
     * One measurement.
     *
     * @param documents            documents indexed by each side
     * @param serviceDocsPerSecond index-service's rate
     * @param ceilingDocsPerSecond the plain loop's rate
     * @param service              CPU time per document while index-service indexed
     * @param ceiling              CPU time per document while the plain loop indexed
     */
    public record Result(int documents, double serviceDocsPerSecond, double ceilingDocsPerSecond, CpuCost service, CpuCost ceiling) {

        public double ratio() {
            return serviceDocsPerSecond / ceilingDocsPerSecond;
        }
    }

    @Option(names = "--articles", defaultValue = "40000", description = "Articles measured (default ${DEFAULT-VALUE}).")
    int articles;

    @Option(names = "--warm-up", defaultValue = "16000", description = "Articles each side indexes first, unmeasured (default ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the benchmark's stack keeps its data, emptied first. Default: bench-index-stack under the local stack's base directory.")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BenchReport.publish(measure(out), "bench index", PipelineBenchmark.home(), out);
        return 0;
    }

    @Override
    public List<BenchResult> measure(PrintWriter out) throws Exception {
        Path dir = (dataDir != null ? dataDir : StackOptions.defaultBaseDir().resolve("bench-index-stack")).toAbsolutePath();
        FileTrees.delete(dir);
        say(out, "starting a fresh Kafka and Elasticsearch in %s", dir);
        try (Stack stack = Stacks.start(StackOptions.freePorts(dir))) {
            Result result = run(stack, PipelineBenchmark.home(), dir.resolve("logs"), warmUp, articles, out);
            return List.of(new BenchResult("index", "indexing, " + result.documents() + " articles", result.serviceDocsPerSecond(),
                            "docs/s", "plain _bulk loop", result.ceilingDocsPerSecond()),
                    new BenchResult("index", "client CPU per doc", result.service().clientMicros(), "µs",
                            "plain _bulk loop", result.ceiling().clientMicros()),
                    new BenchResult("index", "Elasticsearch CPU per doc", result.service().elasticsearchMicros(), "µs",
                            "plain _bulk loop", result.ceiling().elasticsearchMicros()));
        }
    }

    /**
     * CPU time per document during one side's turns.
     *
     * @param clientMicros        index-service's JVM's, or this JVM's for the plain loop's HTTP client
     * @param elasticsearchMicros the Elasticsearch node's
     */
    public record CpuCost(double clientMicros, double elasticsearchMicros) {
    }

    /**
     * Measures on a running Kafka and Elasticsearch whose enriched topic is empty, with index-service started from
     * {@code home}'s jar and logging into {@code logDir}: {@code warmUp} generated articles
     * indexed by each side unmeasured, then, into the same indices, {@code measured} more in {@value #ROUNDS} rounds,
     * each side taking its turn first in alternate rounds, so that a load that comes and goes on the machine falls on
     * both sides alike. index-service runs throughout, as in production; each round's records are written in one Kafka
     * transaction, and the service's clock starts when that commit returned (it reads committed records only), so that
     * neither the publishing nor the service's start is measured. Articles are generated round by round, so that the benchmark's
     * own heap stays small beside the service's.
     */
    public static Result run(Stack stack, Path home, Path logDir, int warmUp, int measured, PrintWriter out) throws Exception {
        String kafka = stack.kafkaBootstrapServers();
        URI elasticsearch = stack.elasticsearchUrl();
        GeneratedArticles articles = new GeneratedArticles();
        KafkaConnection connection = new KafkaConnection(kafka);
        TopicSetup.ensureTopics(connection, TopicSetup.Layout.from(new Settings(Map.of())));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Ceiling ceiling = new Ceiling(http, elasticsearch);
        Map<String, Object> producerConfig = KafkaConfigs.transactionalProducer(connection, CLIENT_ID, CLIENT_ID);
        producerConfig.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TIMEOUT.toMillis());
        say(out, "starting index-service (log: %s)", logDir.resolve(SERVICE + ".log"));
        try (IndexServiceProcess service = IndexServiceProcess.start(home, logDir, kafka, elasticsearch);
             Producer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig);
             Admin admin = Admin.create(KafkaConfigs.admin(connection, CLIENT_ID))) {
            producer.initTransactions();
            say(out, "warm-up: %d articles by each side", warmUp);
            ceiling.create(CEILING_INDEX, SERVICE_INDEX);
            for (int from = 0; from < warmUp; from += 4000) {
                List<EnrichedArticle> share = articles.next(Math.min(4000, warmUp - from));
                indexed(producer, admin, send(producer, share), share.size(), service);
                ceiling.load(CEILING_INDEX, ceiling.requests(share, from));
            }
            ProcessHandle node = ceiling.process();
            Duration settled = settle(ceiling, service, SETTLED, true, Duration.ofMinutes(1));
            say(out, "both JVMs' JIT compilers and Elasticsearch's merges settled in %.1f s", seconds(settled));

            Duration serviceTime = Duration.ZERO;
            Duration ceilingTime = Duration.ZERO;
            CpuTime serviceCpu = CpuTime.ZERO;
            CpuTime ceilingCpu = CpuTime.ZERO;
            int perRound = measured / ROUNDS;
            for (int round = 0; round < ROUNDS; round++) {
                int from = warmUp + round * perRound;
                List<EnrichedArticle> share = articles.next(round == ROUNDS - 1 ? measured - round * perRound : perRound);
                Map<TopicPartition, Long> ends = send(producer, share);
                List<byte[]> requests = ceiling.requests(share, from);
                Duration s = Duration.ZERO;
                Duration c = Duration.ZERO;
                for (int turn = 0; turn < 2; turn++) {
                    settle(ceiling, service, TURN_SETTLED, false, Duration.ofSeconds(10));
                    if ((turn + round) % 2 == 0) {
                        CpuTime before = CpuTime.now(service.process(), node);
                        s = indexed(producer, admin, ends, share.size(), service);
                        serviceCpu = serviceCpu.plus(CpuTime.now(service.process(), node).minus(before));
                    } else {
                        CpuTime before = CpuTime.now(ProcessHandle.current(), node);
                        c = ceiling.load(CEILING_INDEX, requests);
                        ceilingCpu = ceilingCpu.plus(CpuTime.now(ProcessHandle.current(), node).minus(before));
                    }
                }
                serviceTime = serviceTime.plus(s);
                ceilingTime = ceilingTime.plus(c);
                say(out, "round %d: %d articles, index-service %.2f s, plain _bulk loop %.2f s", round + 1, share.size(), seconds(s), seconds(c));
            }
            double serviceRate = measured / seconds(serviceTime);
            double ceilingRate = measured / seconds(ceilingTime);
            Result result = new Result(measured, serviceRate, ceilingRate, serviceCpu.perDocument(measured), ceilingCpu.perDocument(measured));
            say(out, "index-service %.0f docs/s, plain _bulk loop %.0f docs/s: ratio %.2f (%d bulk requests in flight)", serviceRate,
                    ceilingRate, result.ratio(), BulkLimits.from(new Settings(Map.of())).inFlight());
            say(out, "CPU per document: index-service's JVM %.0f µs and Elasticsearch %.0f µs, against the plain loop's client %.0f µs "
                            + "and Elasticsearch %.0f µs", result.service().clientMicros(), result.service().elasticsearchMicros(),
                    result.ceiling().clientMicros(), result.ceiling().elasticsearchMicros());
            return result;
        }
    }

    /**
     * Waits (at most {@code max}) for a span of {@code quiet} in which this JVM's JIT compiler did nothing,
     * index-service's JVM used at most {@link #IDLE_SHARE} of a core (idle, it only polls: more is its compiler at
     * work), and, with {@code merges}, Elasticsearch ran no merge. Both JVMs keep compiling for a while after the
     * warm-up, and the benchmark's own work between turns (generating and publishing articles) sets this one's
     * compiler going again: whichever side's turn came next would pay for it.
     */
    private static Duration settle(Ceiling ceiling, IndexServiceProcess service, Duration quiet, boolean merges, Duration max)
            throws IOException, InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        long deadline = started + max.toNanos();
        while (System.nanoTime() < deadline) {
            long compiled = jit.getTotalCompilationTime();
            Duration serviceCpu = Benchmark.cpuTime(service.process());
            Thread.sleep(quiet.toMillis());
            boolean idle = jit.getTotalCompilationTime() == compiled
                    && Benchmark.cpuTime(service.process()).minus(serviceCpu).toNanos() <= quiet.toNanos() * IDLE_SHARE;
            if (idle && (!merges || ceiling.mergesRunning() == 0)) {
                break;
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** CPU time used so far by a client (index-service's JVM or this one) and by the Elasticsearch node, in nanoseconds. */
    private record CpuTime(long clientNanos, long elasticsearchNanos) {

        static final CpuTime ZERO = new CpuTime(0, 0);

        static CpuTime now(ProcessHandle client, ProcessHandle elasticsearch) {
            return new CpuTime(Benchmark.cpuTime(client).toNanos(), Benchmark.cpuTime(elasticsearch).toNanos());
        }

        CpuTime minus(CpuTime other) {
            return new CpuTime(clientNanos - other.clientNanos, elasticsearchNanos - other.elasticsearchNanos);
        }

        CpuTime plus(CpuTime other) {
            return new CpuTime(clientNanos + other.clientNanos, elasticsearchNanos + other.elasticsearchNanos);
        }

        CpuCost perDocument(int documents) {
            return new CpuCost(clientNanos / 1e3 / documents, elasticsearchNanos / 1e3 / documents);
        }
    }

    /** Sends {@code articles} in a transaction left open; returns, per partition, the offset just past its last record. */
    private static Map<TopicPartition, Long> send(Producer<byte[], byte[]> producer, List<EnrichedArticle> articles) throws Exception {
        producer.beginTransaction();
        List<Future<RecordMetadata>> sends = new ArrayList<>(articles.size());
        for (EnrichedArticle article : articles) {
            sends.add(producer.send(new ProducerRecord<>(Topics.ARTICLES_ENRICHED, article.id().getBytes(StandardCharsets.UTF_8),
                    Json.toBytes(article))));
        }
        producer.flush();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Future<RecordMetadata> sent : sends) {
            RecordMetadata metadata = sent.get();
            ends.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset() + 1, Math::max);
        }
        return ends;
    }

    /**
     * Commits the open transaction and returns how long index-service then took to commit every record of it: the
     * clock starts once the commit returned: that round trip is the benchmark's, and the broker marks the records
     * committed (visible to the service) only after it. It follows
     * the service's log for what it indexed first, which costs the service nothing, and only then asks the broker for
     * the group's offsets: asking all along would load the broker and this JVM while the service is being measured.
     */
    private static Duration indexed(Producer<byte[], byte[]> producer, Admin admin, Map<TopicPartition, Long> ends, int articles,
                                    IndexServiceProcess service) throws Exception {
        long expected = service.indexed() + articles;
        producer.commitTransaction();
        long started = System.nanoTime();
        long deadline = started + TIMEOUT.toNanos();
        long nextCrossCheck = started + CROSS_CHECK.toNanos();
        while (service.indexed() < expected || !reached(admin, ends)) {
            if (System.nanoTime() > deadline || !service.process().isAlive()) {
                throw new IllegalStateException("index-service did not index the round's articles "
                        + (service.process().isAlive() ? "within " + TIMEOUT.toMinutes() + " minutes" : "(it exited)")
                        + "; see its log " + service.log());
            }
            if (System.nanoTime() > nextCrossCheck) {
                nextCrossCheck += CROSS_CHECK.toNanos();
                // The service logs a request's outcome before it commits its offsets: committed but not logged is a log
                // line this benchmark no longer understands, not a slow service.
                if (reached(admin, ends) && service.indexed() < expected) {
                    throw new IllegalStateException("index-service committed the round's " + articles + " records but its log "
                            + service.log() + " shows only " + (articles - (expected - service.indexed()))
                            + " of them indexed: have its \"bulk: N docs, M indexed\" lines changed?");
                }
            }
            Thread.sleep(1);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * index-service in a JVM of its own, with the default settings and the benchmark's index, and what it says it
     * indexed: the sum of its "bulk: N docs, M indexed" lines, read from its log as it grows.
     */
    private static final class IndexServiceProcess implements AutoCloseable {

        private static final Pattern BULK = Pattern.compile("bulk: \\d+ docs, (\\d+) indexed");
        private final ServiceProcess process;
        private final FileChannel log;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private final StringBuilder line = new StringBuilder();
        private long indexed;

        private IndexServiceProcess(ServiceProcess process) throws IOException {
            this.process = process;
            this.log = FileChannel.open(process.logFile());
        }

        static IndexServiceProcess start(Path home, Path logDir, String kafka, URI elasticsearch) throws IOException, InterruptedException {
            Files.deleteIfExists(logDir.resolve(SERVICE + ".log"));
            ServiceProcess process = ServiceProcess.start(home, SERVICE, Map.of(
                    KafkaConnection.BOOTSTRAP_SERVERS, kafka,
                    "NEWSFLOW_ELASTICSEARCH_URL", elasticsearch.toString(),
                    IndexNames.INDEX_NAME, SERVICE_INDEX,
                    "NEWSFLOW_INDEX_GROUP_ID", SERVICE_INDEX,
                    "NEWSFLOW_HTTP_HOST", "127.0.0.1",
                    "NEWSFLOW_HTTP_PORT", "0",
                    "NEWSFLOW_LOG_FORMAT", "text"), logDir);
            IndexServiceProcess service = new IndexServiceProcess(process);
            try {
                service.awaitStarted();
                return service;
            } catch (IOException | InterruptedException | RuntimeException e) {
                service.close();
                throw e;
            }
        }

        /** Until the service logged that it started: its index template and index are in place by then. */
        private void awaitStarted() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!Files.readString(process.logFile()).contains(SERVICE + " started")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(SERVICE + (process.isAlive() ? " did not start within 2 minutes" : " exited on start")
                            + "; see its log " + process.logFile());
                }
                Thread.sleep(50);
            }
        }

        /** Articles the service said it indexed so far. */
        long indexed() {
            try {
                buffer.clear();
                while (log.read(buffer) > 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        char c = (char) buffer.get(); // the lines counted are ASCII
                        if (c == '\n') {
                            Matcher bulk = BULK.matcher(line);
                            if (bulk.find()) {
                                indexed += Long.parseLong(bulk.group(1));
                            }
                            line.setLength(0);
                        } else {
                            line.append(c);
                        }
                    }
                    buffer.clear();
                }
                return indexed;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read index-service's log " + process.logFile(), e);
            }
        }

        ProcessHandle process() {
            return process.toHandle();
        }

        Path log() {
            return process.logFile();
        }

        @Override
        public void close() throws IOException {
            try {
                log.close();
            } finally {
                process.close();
            }
        }
    }

    private static boolean reached(Admin admin, Map<TopicPartition, Long> ends) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SERVICE_INDEX).partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(end -> committed.get(end.getKey()) != null
                && committed.get(end.getKey()).offset() >= end.getValue());
    }

    /**
     * The ceiling: the documents index-service would write for the same records, byte for byte, with the same ids,
     * versions and request size, sent one {@code _bulk} request after the other into an index created from the same
     * template. The requests are built before the clock starts. Also the benchmark's view of the node.
     */
    private record Ceiling(HttpClient http, URI elasticsearch) {

        /** An index {@code base}-v1 from the template index-service installed for {@code serviceIndex}. */
        void create(String base, String serviceIndex) throws IOException, InterruptedException {
            IndexNames names = new IndexNames(base);
            ObjectNode template = (ObjectNode) Json.mapper().readTree(send("GET", "/_index_template/" + serviceIndex, null))
                    .at("/index_templates/0/index_template");
            template.putArray("index_patterns").add(names.indexPattern());
            template.put("priority", 201);
            send("PUT", "/_index_template/" + base, template.toString());
            send("PUT", "/" + names.index(IndexNames.FIRST_VERSION), "{}");
        }

        /**
         * The {@code _bulk} request bodies of {@code articles}, read from offsets {@code firstOffset} on: the documents
         * index-service writes for them, byte for byte, with the same ids, versions and documents per request.
         */
        List<byte[]> requests(List<EnrichedArticle> articles, long firstOffset) {
            DocumentMapper mapper = new DocumentMapper(Clock.systemUTC());
            int perRequest = BulkLimits.from(new Settings(Map.of())).maxDocs();
            List<IndexDocument> documents = new ArrayList<>(articles.size());
            for (int i = 0; i < articles.size(); i++) {
                documents.add(mapper.map(articles.get(i), firstOffset + i));
            }
            List<byte[]> requests = new ArrayList<>();
            for (int from = 0; from < documents.size(); from += perRequest) {
                requests.add(BulkWriter.body(documents.subList(from, Math.min(from + perRequest, documents.size()))));
            }
            return requests;
        }

        /** Sends {@code requests} one after the other to {@code base}-v1; returns the time it took. */
        Duration load(String base, List<byte[]> requests) throws IOException, InterruptedException {
            String bulkPath = "/" + new IndexNames(base).index(IndexNames.FIRST_VERSION) + "/_bulk";
            long started = System.nanoTime();
            for (byte[] request : requests) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(elasticsearch.resolve(bulkPath))
                        .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || Json.mapper().readTree(response.body()).path("errors").asBoolean(true)) {
                    throw new IllegalStateException("the ceiling's _bulk request failed: "
                            + response.body().substring(0, Math.min(500, response.body().length())));
                }
            }
            return Duration.ofNanos(System.nanoTime() - started);
        }

        /** Merges the node is running now, in all indices. */
        long mergesRunning() throws IOException, InterruptedException {
            long running = 0;
            for (JsonNode node : Json.mapper().readTree(send("GET", "/_nodes/stats/indices/merge", null)).path("nodes")) {
                running += node.at("/indices/merges/current").asLong();
            }
            return running;
        }

        /**
         * The node's process, to read its CPU time from the operating system: the node's own statistics refresh it once
         * a second, too seldom for turns that last about as long.
         */
        ProcessHandle process() throws IOException, InterruptedException {
            for (JsonNode node : Json.mapper().readTree(send("GET", "/_nodes/process", null)).path("nodes")) {
                long pid = node.at("/process/id").asLong(-1);
                Optional<ProcessHandle> process = ProcessHandle.of(pid);
                if (process.isPresent() && process.get().info().totalCpuDuration().isPresent()) {
                    return process.get();
                }
            }
            throw new IllegalStateException("cannot read the CPU time of the Elasticsearch node at " + elasticsearch
                    + ": the benchmark needs the node on this machine, readable by this user");
        }

        private String send(String method, String path, String body) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(elasticsearch.resolve(path))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }

    /**
     * Articles of news-like size (about 3 KB of text from a vocabulary, so the index sees many distinct terms), the same
     * sequence on every run, made a share at a time.
     */
    static final class GeneratedArticles {

        private static final OffsetDateTime BASE = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        private final SplittableRandom random = new SplittableRandom(42);
        private final String[] words = vocabulary(random);
        private int made;

        List<EnrichedArticle> next(int count) {
            List<EnrichedArticle> articles = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                articles.add(article(made++));
            }
            return articles;
        }

        private EnrichedArticle article(int n) {
            String url = "https://bench.example.org/news/" + n;
            StringBuilder text = new StringBuilder(3500);
            while (text.length() < 3000) {
                for (int w = 0; w < 12; w++) {
                    text.append(word()).append(' ');
                }
                text.setCharAt(text.length() - 1, '.');
                text.append(random.nextInt(5) == 0 ? "\n\n" : " ");
            }
            String title = word() + " " + word() + " " + word();
            OffsetDateTime published = BASE.plusMinutes(n);
            RawArticle raw = new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(url), url, url,
                    new FeedRef(ArticleId.of("https://bench.example.org/feed"), "https://bench.example.org/feed", "Bench feed", "Bench News"),
                    title, text.toString().strip(), null, List.of("Reporter " + random.nextInt(50)), "en", "Bench News", published,
                    DateSource.PAGE, null, published.toInstant().plusSeconds(60));
            return new EnrichedArticle(EnrichedArticle.SCHEMA_VERSION, raw,
                    new Attribution(new PublisherInfo("bench", "Bench News", "example.org", "GB", "national", "registry"),
                            raw.authors(), List.of(new CitedSource("Reuters", CitedSource.Kind.OUTLET, "Reuters", "reports",
                            "Reuters reports it.", 0, 7))),
                    List.of(new TopicTag("medtop:11000000", "politics and government", 0.6, List.of(), 1, List.of())),
                    published.toInstant().plusSeconds(90), new DetectedLanguage("en", 0.99, DetectedLanguage.DETECTED),
                    List.of(word()),
                    List.of(new Entity("Reuters", Entity.Kind.OUTLET, null, 1, false)),
                    List.of(new Place("Kyiv", "Kyiv", Place.Kind.CITY, "UA", new GeoPoint(50.45, 30.52), 703448L, null, 1, true)),
                    null, null);
        }

        private String word() {
            return words[random.nextInt(words.length)];
        }

        private static String[] vocabulary(SplittableRandom random) {
            String[] words = new String[20_000];
            for (int i = 0; i < words.length; i++) {
                StringBuilder word = new StringBuilder();
                int length = 3 + random.nextInt(8);
                for (int c = 0; c < length; c++) {
                    word.append((char) ('a' + random.nextInt(26)));
                }
                words[i] = word.toString();
            }
            return words;
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void say(PrintWriter out, String format, Object... args) {
        out.printf(Instant.now().toString().substring(11, 19) + "  " + format + "%n", args);
        out.flush();
    }
}
