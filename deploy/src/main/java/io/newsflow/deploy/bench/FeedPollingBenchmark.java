package io.newsflow.deploy.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.config.Settings;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.ingest.extract.ArticleExtractor;
import io.newsflow.ingest.feed.ArticleAssembler;
import io.newsflow.ingest.feed.FeedParser;
import io.newsflow.ingest.feed.FeedPoller;
import io.newsflow.ingest.feed.NetworkWatch;
import io.newsflow.ingest.feed.PollLoop;
import io.newsflow.ingest.feed.PollSchedule;
import io.newsflow.ingest.fetch.PageFetcher;
import io.newsflow.ingest.fetch.RobotsRules;
import io.newsflow.ingest.publish.ArticlePublisher;
import io.newsflow.ingest.publish.ArticleRecords;
import io.newsflow.ingest.publish.KafkaPublisher;
import io.newsflow.ingest.publish.PublishException;
import io.newsflow.ingest.state.FeedState;
import io.newsflow.ingest.state.FeedStates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./newsflow bench feeds}: how many feeds one ingest instance polls per minute, against the target of 10,000
 * feeds on a 5-minute cycle (2,000 per minute), with its CPU and heap, in two cases: every poll answered 304 (the
 * common case), and every poll bringing fresh items whose pages are fetched and extracted. The feeds are served by
 * local HTTP servers on several loopback addresses (one publisher host each) in this JVM, so the servers' CPU is
 * counted too. The instance is ingest's real poll loop, poller, fetcher, parser and extractor, every feed always due,
 * host delay off; publishing serialises each record as for Kafka but sends nothing, or, with {@code --kafka}, a third
 * case publishes each poll in a Kafka transaction of its own, as ingest does. The baseline, measured in the same run, is the plain rate of conditional GETs
 * the same servers answer with the same HTTP client and concurrency: the ratio says how much of it polling keeps.
 */
@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = {"Feeds polled per minute by one ingest instance (304s, and fresh items with pages), its CPU and heap,",
                "next to plain conditional GETs of the same local servers; target 10,000 feeds per 5 minutes."})
public final class FeedPollingBenchmark implements Callable<Integer>, Benchmark {

    /** 10,000 feeds every 5 minutes. */
    public static final double TARGET_PER_MINUTE = 2000;

    @Option(names = "--feeds", defaultValue = "2000", description = "Feeds simulated (default ${DEFAULT-VALUE}).")
    int feeds;

    @Option(names = "--hosts", defaultValue = "20", description = "Publisher hosts, one loopback address each (default ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--concurrency", defaultValue = "64", description = "Feeds polled at a time, NEWSFLOW_POLL_CONCURRENCY (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--seconds", defaultValue = "15", description = "Measuring time of each case (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Also measure the 304 case publishing each poll's state to this Kafka in a transaction, as ingest does (e.g. the one `./newsflow stack` runs).")
    String kafka;

    @Spec
    CommandSpec spec;

    /** What one case measured. */
    public record Result(String mode, int feeds, double pollsPerMinute, double baselineGetsPerMinute, double cpuPercent,
                         int cores, long heapMb, String bottleneck) {

        public double ratioToTarget() {
            return pollsPerMinute / TARGET_PER_MINUTE;
        }
    }

    @Override
    public Integer call() throws Exception {
        measure(spec.commandLine().getOut());
        return 0;
    }

    @Override
    public List<BenchResult> measure(PrintWriter out) throws Exception {
        List<BenchResult> results = new ArrayList<>();
        List<Result> cases = new ArrayList<>();
        cases.add(run(feeds, hosts, concurrency, Duration.ofSeconds(seconds), false, null));
        cases.add(run(feeds, hosts, concurrency, Duration.ofSeconds(seconds), true, null));
        if (kafka != null) {
            cases.add(run(feeds, hosts, concurrency, Duration.ofSeconds(seconds), false, kafka));
        }
        for (Result r : cases) {
            out.printf(Locale.ROOT, "feeds (%s): %.0f polls/min = %.2fx the target of %.0f/min (10,000 feeds per 5 min); "
                            + "plain conditional GETs of the same servers: %.0f/min (ratio %.2f); CPU %.0f%% of %d cores; heap %d MB; bottleneck: %s%n",
                    r.mode(), r.pollsPerMinute(), r.ratioToTarget(), TARGET_PER_MINUTE, r.baselineGetsPerMinute(),
                    r.pollsPerMinute() / r.baselineGetsPerMinute(), r.cpuPercent(), r.cores(), r.heapMb(), r.bottleneck());
            out.flush();
            results.add(new BenchResult("feeds", "polls " + r.mode(), r.pollsPerMinute(), "feeds/min", "plain conditional GETs", r.baselineGetsPerMinute()));
            results.add(new BenchResult("feeds", "polls " + r.mode() + " vs target", r.pollsPerMinute(), "feeds/min", "target 10,000/5 min", TARGET_PER_MINUTE));
            results.add(BenchResult.of("feeds", "cpu " + r.mode(), r.cpuPercent(), "% of " + r.cores() + " cores"));
            results.add(BenchResult.of("feeds", "heap " + r.mode(), r.heapMb(), "MB"));
        }
        return results;
    }

    /**
     * Runs one case and returns its numbers: {@code fresh} false for feeds that answer 304, true for feeds with two new
     * items (and their pages) on every poll; {@code kafka} null to serialise what a poll publishes without sending it,
     * else the Kafka cluster each poll is published to in a transaction of its own.
     */
    public static Result run(int feeds, int hosts, int concurrency, Duration measuring, boolean fresh, String kafka) throws Exception {
        try (Servers servers = new Servers(hosts, fresh)) {
            List<FeedSubscription> subscriptions = new ArrayList<>();
            for (int i = 0; i < feeds; i++) {
                subscriptions.add(FeedSubscription.of(servers.base(i % hosts) + "/feeds/" + i + ".xml", null, null));
            }
            HttpFetcher http = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(5), Duration.ofSeconds(30),
                    10 * 1024 * 1024, 5, true, "Newsflow-bench/0.1", List.of(), Math.max(2, concurrency / hosts + 1), Duration.ZERO,
                    Duration.ZERO));

            Counting publisher = new Counting(kafka == null ? null : kafkaPublisher(kafka));
            Clock clock = Clock.systemUTC();
            PollSchedule always = new PollSchedule(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(1),
                    Duration.ofMillis(1), Duration.ofMillis(1));
            FeedPoller poller = new FeedPoller(http, new FeedParser(), new PageFetcher(http, new RobotsRules(http, clock, Duration.ofHours(1))),
                    new ArticleExtractor(), new ArticleAssembler(), publisher, clock, new SimpleMeterRegistry(), always,
                    new NetworkWatch(clock, Duration.ofMinutes(1), Integer.MAX_VALUE));
            PollLoop loop = new PollLoop(() -> subscriptions, new FeedStates(), poller, always, concurrency,
                    Duration.ofSeconds(1), clock, new CompletableFuture<>());
            loop.start();
            try {
                // Warm-up: every feed polled once (ETags known, pages' robots.txt read, JIT warm).
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (publisher.polls.get() < feeds && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                long cpuBefore = Benchmark.cpuTime(ProcessHandle.current()).toNanos();
                long pollsBefore = publisher.polls.get();
                long start = System.nanoTime();
                long heapPeak = 0;
                while (System.nanoTime() - start < measuring.toNanos()) {
                    Thread.sleep(200);
                    heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed());
                }
                long elapsed = System.nanoTime() - start;
                long polls = publisher.polls.get() - pollsBefore;
                int cores = Runtime.getRuntime().availableProcessors();
                double cpu = 100.0 * (Benchmark.cpuTime(ProcessHandle.current()).toNanos() - cpuBefore) / elapsed;
                double perMinute = polls * 60e9 / elapsed;
                loop.stop(Duration.ofSeconds(30));
                // After the polling, so that both run in a warm JVM.
                double baseline = baseline(http, subscriptions, concurrency, measuring.dividedBy(2));
                publisher.close();
                return new Result((fresh ? "fresh items" : "304s") + (kafka == null ? "" : " published to Kafka"), feeds, perMinute, baseline, cpu, cores, heapPeak / (1024 * 1024),
                        kafka != null ? "Kafka: one transaction per poll, committed one at a time by the instance's one transactional"
                                + " producer (CPU at " + Math.round(cpu) + "%)" : bottleneck(cpu, cores, perMinute, baseline, fresh));
            } finally {
                loop.stop(Duration.ofSeconds(30));
            }
        }
    }

    private static String bottleneck(double cpu, int cores, double polls, double baseline, boolean fresh) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String machine = load > cores ? "; the machine is shared (load average " + Math.round(load) + " on " + cores + " cores)" : "";
        if (cpu >= 60.0 * cores || load > cores) {
            return "CPU (" + Math.round(cpu) + "% of " + cores * 100 + "%, local servers included): "
                    + (fresh ? "page extraction and feed parsing (each poll fetches and extracts two pages)"
                    : "HTTP exchanges on both ends of loopback") + machine;
        }
        if (polls >= 0.8 * baseline) {
            return "the local HTTP servers (polling keeps " + Math.round(100 * polls / baseline) + "% of their plain GET rate)";
        }
        return "concurrency: raise NEWSFLOW_POLL_CONCURRENCY (CPU at " + Math.round(cpu) + "%)";
    }

    /** Plain conditional GETs of every feed, {@code concurrency} at a time, for {@code duration}: per minute. */
    private static double baseline(HttpFetcher http, List<FeedSubscription> feeds, int concurrency, Duration duration) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        Semaphore slots = new Semaphore(concurrency);
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            while (System.nanoTime() < end) {
                slots.acquire();
                FeedSubscription feed = feeds.get(Math.floorMod(next.getAndIncrement(), feeds.size()));
                workers.execute(() -> {
                    try {
                        http.get(URI.create(feed.url()), Map.of("If-None-Match", Servers.ETAG));
                        done.incrementAndGet();
                    } catch (FetchException e) {
                        // counted as not done
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        return done.get() * 60e9 / (System.nanoTime() - start);
    }

    private static KafkaPublisher kafkaPublisher(String bootstrapServers) throws PublishException {
        KafkaConnection connection = new KafkaConnection(bootstrapServers);
        TopicSetup.ensureTopics(connection, TopicSetup.Layout.from(new Settings(Map.of())));
        KafkaPublisher publisher = KafkaPublisher.to(connection, "newsflow-bench-feeds-" + UUID.randomUUID(), new SimpleMeterRegistry(), null);
        publisher.open();
        return publisher;
    }

    /**
     * Counts polls. Without Kafka it serialises what a poll publishes, as the Kafka publisher would, without sending
     * it; with Kafka it publishes through it.
     */
    private static final class Counting implements ArticlePublisher, AutoCloseable {
        final AtomicLong polls = new AtomicLong();
        private final KafkaPublisher kafka;

        Counting(KafkaPublisher kafka) {
            this.kafka = kafka;
        }

        @Override
        public void publish(List<RawArticle> articles, FeedState state) throws PublishException {
            if (kafka != null) {
                kafka.publish(articles, state);
            } else {
                articles.forEach(ArticleRecords::article);
                ArticleRecords.state(state);
            }
            polls.incrementAndGet();
        }

        @Override
        public void close() {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    /** One HTTP server per loopback address 127.0.1.N, serving the simulated feeds and their pages. */
    private static final class Servers implements AutoCloseable {

        static final String ETAG = "\"bench\"";
        private static final String PARAGRAPH = "<p>The council met on Tuesday to discuss the harbour, the ferries and the"
                + " new timetable, which residents had asked about for months; the mayor said a decision would follow.</p>";

        private final List<HttpServer> servers = new ArrayList<>();
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        private final boolean fresh;
        private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

        Servers(int hosts, boolean fresh) throws IOException {
            this.fresh = fresh;
            for (int i = 0; i < hosts; i++) {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.1." + (i + 1)), 0), 1024);
                server.createContext("/feeds/", this::feed);
                server.createContext("/articles/", this::page);
                server.setExecutor(threads);
                server.start();
                servers.add(server);
            }
        }

        String base(int host) {
            InetSocketAddress address = servers.get(host).getAddress();
            return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort();
        }

        private void feed(HttpExchange exchange) throws IOException {
            if (!fresh && ETAG.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            String base = "http://" + exchange.getLocalAddress().getAddress().getHostAddress() + ":" + exchange.getLocalAddress().getPort();
            String feed = exchange.getRequestURI().getPath().replace("/feeds/", "").replace(".xml", "");
            long newest = sequences.computeIfAbsent(feed, f -> new AtomicLong(10)).addAndGet(2);
            StringBuilder items = new StringBuilder();
            // Ten items, of which the two newest were never seen before when fresh.
            for (long n = newest; n > newest - 10; n--) {
                String id = feed + "-" + (fresh ? n : n % 10);
                items.append("<item><title>Story ").append(id).append("</title><link>").append(base).append("/articles/")
                        .append(id).append("</link><pubDate>Tue, 14 May 2024 09:30:00 +0200</pubDate><description>Story ")
                        .append(id).append(" in short.</description></item>\n");
            }
            respond(exchange, "application/rss+xml; charset=utf-8", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <rss version="2.0"><channel><title>Bench feed</title><link>%s/</link><description>d</description>
                    %s</channel></rss>
                    """.formatted(base, items));
        }

        private void page(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            respond(exchange, "text/html; charset=utf-8", "<html lang=\"en\"><head><title>Story | Bench</title></head><body><article><h1>Story "
                    + path + "</h1>" + PARAGRAPH.repeat(8) + "</article></body></html>");
        }

        private void respond(HttpExchange exchange, String contentType, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.getResponseHeaders().add("ETag", ETAG);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            servers.forEach(server -> server.stop(0));
            threads.shutdownNow();
        }
    }
}
