package io.newsflow.deploy.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.config.Settings;
import io.newsflow.core.json.Json;
import io.newsflow.ingest.extract.ArticleExtractor;
import net.dankito.readability4j.Readability4J;
import org.jsoup.Jsoup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code ./newsflow bench extraction [DIR]}: our article extractor against readability4j, the best Java peer, over
 * the same pages in the same JVM and thread: a warm-up, then measured rounds that alternate the two so that a
 * machine getting busier hurts both alike. Speed is pages per CPU-second of the measuring thread, which is pages
 * per second per core whatever else runs on the machine. Both start from the page bytes and end with the body
 * text; ours also reads all the metadata. {@code --engine} prints one engine's texts instead, for scoring.
 */
@Command(name = "extraction", mixinStandardHelpOptions = true,
        description = {"Pages per second per core of our article extractor and of readability4j on the same pages, and the ratio.",
                "DIR holds .html or .html.gz pages; without it, the sample pages bundled with Newsflow are used."})
public final class ExtractionBenchmark implements Callable<Integer>, Benchmark {

    /** Where the bundled sample pages are, and the list of them (a jar cannot list a resource folder). */
    private static final String BUNDLED = "/bench/pages/";
    private static final String BUNDLED_INDEX = BUNDLED + "index.txt";
    private static final String PAGE_URL = "https://bench.invalid/article";

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Folder of .html / .html.gz pages (default: the bundled sample pages).")
    Path dir;

    @Option(names = "--warmup", defaultValue = "3s", converter = DurationConverter.class,
            description = "Time both engines run before measuring (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--time", defaultValue = "8s", converter = DurationConverter.class,
            description = "CPU time each engine is measured for, at least (default ${DEFAULT-VALUE}).")
    Duration time;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Instead of timing, print the body text ENGINE (ours or readability4j) finds in each page, "
                    + "one JSON object {\"id\", \"text\"} per line; id is the file name without .html(.gz).")
    String engine;

    @Spec
    CommandSpec spec;

    /** "3s", "500ms", "1m" as picocli option values; the same format as the services' duration settings. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Settings.parseDuration(value);
        }
    }

    /** One page: its name (file name without .html / .html.gz) and bytes. */
    public record Page(String id, byte[] bytes) {
    }

    /** An extractor under test: page bytes in, body text out. */
    public interface Engine {
        String name();

        String text(Page page);
    }

    /** Ours, as ingest runs it (metadata included). */
    public static Engine ours() {
        ArticleExtractor extractor = new ArticleExtractor();
        return engine("newsflow", page -> extractor.extract(page.bytes(), null, PAGE_URL).text());
    }

    /** readability4j 1.0.8 on jsoup's own charset detection. */
    public static Engine readability4j() {
        return engine("readability4j", page -> {
            try {
                var document = Jsoup.parse(new ByteArrayInputStream(page.bytes()), null, PAGE_URL);
                String text = new Readability4J(PAGE_URL, document).parse().getTextContent();
                return text == null ? "" : text;
            } catch (IOException e) {
                throw new UncheckedIOException("reading an in-memory page cannot fail", e);
            }
        });
    }

    private static Engine engine(String name, Function<Page, String> text) {
        return new Engine() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String text(Page page) {
                return text.apply(page);
            }
        };
    }

    /**
     * Speeds of two engines over the same pages.
     *
     * @param pages              pages per round
     * @param rounds             measured rounds of each engine
     * @param oursPagesPerSecond pages per CPU-second of {@code ours}
     * @param basePagesPerSecond pages per CPU-second of the baseline
     */
    public record Result(int pages, long rounds, String ours, double oursPagesPerSecond, String base, double basePagesPerSecond) {
        public double ratio() {
            return oursPagesPerSecond / basePagesPerSecond;
        }
    }

    /**
     * Runs both engines over all pages in turns: for {@code warmup} (wall time) unmeasured, then until each has run
     * for at least {@code time} of this thread's CPU time. Alternating rounds makes a machine that gets busier or
     * quieter meanwhile hurt or help both alike.
     */
    public static Result measure(List<Page> pages, Engine ours, Engine base, Duration warmup, Duration time) {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no pages to measure");
        }
        long warmEnd = System.nanoTime() + warmup.toNanos();
        while (System.nanoTime() < warmEnd) {
            round(pages, ours);
            round(pages, base);
        }
        long oursNanos = 0;
        long baseNanos = 0;
        long rounds = 0;
        do {
            oursNanos += round(pages, ours);
            baseNanos += round(pages, base);
            rounds++;
        } while (oursNanos < time.toNanos() || baseNanos < time.toNanos());
        double measured = (double) pages.size() * rounds;
        return new Result(pages.size(), rounds, ours.name(), measured / (oursNanos / 1e9), base.name(), measured / (baseNanos / 1e9));
    }

    /** CPU nanoseconds of this thread for one pass over the pages. */
    private static long round(List<Page> pages, Engine engine) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        int sink = 0;
        for (Page page : pages) {
            sink += engine.text(page).length();
        }
        long spent = threads.getCurrentThreadCpuTime() - start;
        if (sink < 0) {
            throw new IllegalStateException("unreachable: keeps the JIT from dropping the work");
        }
        return spent;
    }

    /** The .html and .html.gz pages of a folder, by name. */
    public static List<Page> load(Path dir) throws IOException {
        List<Page> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".html.gz")) {
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                        pages.add(new Page(name.substring(0, name.length() - ".html.gz".length()), in.readAllBytes()));
                    }
                } else if (name.endsWith(".html")) {
                    pages.add(new Page(name.substring(0, name.length() - ".html".length()), Files.readAllBytes(file)));
                }
            }
        }
        if (pages.isEmpty()) {
            throw new IOException("no .html or .html.gz pages in " + dir.toAbsolutePath());
        }
        return pages;
    }

    /** The sample pages bundled with Newsflow (article pages written for it, with site furniture around them). */
    public static List<Page> bundled() throws IOException {
        List<Page> pages = new ArrayList<>();
        for (String name : resource(BUNDLED_INDEX).split("\n")) {
            if (!name.isBlank()) {
                pages.add(new Page(name.strip().replace(".html", ""),
                        resource(BUNDLED + name.strip()).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return pages;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = ExtractionBenchmark.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("resource " + path + " is missing from the Newsflow jar; rebuild with ./mvnw package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public List<BenchResult> measure(PrintWriter out) throws IOException {
        List<Page> pages = dir == null ? bundled() : load(dir);
        out.printf(Locale.ROOT, "%d pages from %s; %s warm-up, then at least %s of CPU time per engine, one thread%n",
                pages.size(), dir == null ? "the bundled samples" : dir, warmup.toString().substring(2).toLowerCase(Locale.ROOT),
                time.toString().substring(2).toLowerCase(Locale.ROOT));
        out.flush();
        Result result = measure(pages, ours(), readability4j(), warmup, time);
        out.printf(Locale.ROOT, "%d measured rounds per engine%n", result.rounds());
        out.printf(Locale.ROOT, "%-14s %8.1f pages/s per core%n", result.ours(), result.oursPagesPerSecond());
        out.printf(Locale.ROOT, "%-14s %8.1f pages/s per core%n", result.base(), result.basePagesPerSecond());
        out.printf(Locale.ROOT, "ratio          %8.2fx (%s / %s)%n", result.ratio(), result.ours(), result.base());
        out.flush();
        return List.of(new BenchResult("extraction", "speed, " + pages.size() + " pages", result.oursPagesPerSecond(),
                "pages/s per core", result.base(), result.basePagesPerSecond()));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (engine != null) {
            Engine chosen = switch (engine.toLowerCase(Locale.ROOT)) {
                case "ours", "newsflow" -> ours();
                case "readability4j" -> readability4j();
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                        "--engine " + engine + " is not known: use ours or readability4j");
            };
            for (Page page : dir == null ? bundled() : load(dir)) {
                ObjectNode line = Json.mapper().createObjectNode();
                line.put("id", page.id());
                line.put("text", chosen.text(page));
                out.println(line);
            }
            out.flush();
            return 0;
        }
        BenchReport.publish(measure(out), "bench extraction", PipelineBenchmark.home(), out);
        return 0;
    }
}
