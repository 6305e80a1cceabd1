package io.newsflow.deploy.cli;

import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.config.Settings;
import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.ingest.feed.FeedDiscovery;
import io.newsflow.ingest.feed.FeedListException;
import io.newsflow.ingest.feed.FeedParser;
import io.newsflow.ingest.feed.FeedListReader;
import io.newsflow.ingest.state.FeedState;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ./newsflow feeds add|remove|list|import|export}: the subscriptions on the compacted topic {@code news.feeds},
 * keyed by feed id. Every ingest-service instance re-reads them while running, so a change takes effect without a
 * restart; a removal is a tombstone.
 */
@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = {"Manages the feeds ingest-service polls: the subscriptions on the compacted topic " + Topics.FEEDS + ".",
                "Changes take effect while the services run."},
        subcommands = {FeedsCommand.Add.class, FeedsCommand.Remove.class, FeedsCommand.ListFeeds.class,
                FeedsCommand.Import.class, FeedsCommand.Export.class, FeedsCommand.Discover.class})
final class FeedsCommand {

    /** Characters of a feed id that {@code list} shows; {@code remove} takes any unique start of an id. */
    static final int SHORT_ID = 12;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            defaultValue = "${env:NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS, default ${DEFAULT-VALUE}).")
    String kafka;

    @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT, defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long to wait for Kafka before giving up, e.g. 10s (default ${DEFAULT-VALUE}).")
    Duration timeout;

    /** A failure a person can act on: the message says what failed, where, and what to do. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    /** Durations as the services' settings take them: {@code 90s}, {@code 5m}, {@code 1h}, {@code PT5M}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return FeedSubscription.parseInterval(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** What every feeds command shares: the Kafka connection, the output, and how a failure is reported (exit code 1). */
    abstract static class FeedsSubcommand implements Callable<Integer> {

        @ParentCommand
        FeedsCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            try {
                return run();
            } catch (Failure | FeedListException e) {
                spec.commandLine().getErr().println("newsflow feeds " + spec.name() + ": " + e.getMessage());
                return 1;
            }
        }

        abstract int run();

        FeedsTopic open() {
            return FeedsTopic.open(new KafkaConnection(parent.kafka), parent.timeout);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Subscribes to a feed (RSS, Atom or JSON Feed).",
                    "A feed already subscribed gets the subscription given here, replacing its title, publisher and interval."})
    static final class Add extends FeedsSubcommand {

        @Parameters(paramLabel = "URL", description = "The feed's URL.")
        String url;

        @Option(names = "--publisher", paramLabel = "NAME", description = "The publisher the feed's articles are attributed to.")
        String publisher;

        @Option(names = "--title", paramLabel = "TITLE", description = "A title for the feed, used instead of the feed's own.")
        String title;

        @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Time between two polls of this feed, e.g. 90s, 5m, 1h. Default: ingest-service's NEWSFLOW_POLL_INTERVAL.")
        Duration interval;

        @Override
        int run() {
            try {
                ArticleId.normalise(url);
            } catch (IllegalArgumentException e) {
                throw new Failure("\"" + url + "\" is not an absolute http(s) URL; give the feed's full address, e.g. https://example.com/rss");
            }
            FeedSubscription feed = FeedSubscription.of(url, title, publisher, interval);
            try (FeedsTopic topic = open()) {
                boolean known = topic.subscriptions().stream().anyMatch(f -> f.id().equals(feed.id()));
                topic.subscribe(List.of(feed));
                out().printf("%s feed %s %s%s%n", known ? "updated" : "added", shortId(feed.id()), feed.url(), details(feed));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Unsubscribes from a feed: writes a tombstone for it to " + Topics.FEEDS + ".",
                    "Its polling state stays, so a feed subscribed again does not publish its old items again."})
    static final class Remove extends FeedsSubcommand {

        @Parameters(paramLabel = "URL|ID", description = "The feed's URL, or its id as `feeds list` shows it (any unique start of it).")
        String feed;

        @Override
        int run() {
            try (FeedsTopic topic = open()) {
                List<FeedSubscription> feeds = topic.subscriptions();
                List<FeedSubscription> matches = matching(feeds);
                if (matches.isEmpty()) {
                    throw new Failure("no subscribed feed has the " + (isUrl() ? "URL " : "id ") + feed + " (" + feeds.size()
                            + " feeds on " + Topics.FEEDS + " at " + topic.bootstrapServers() + "; `newsflow feeds list` shows them)");
                }
                if (matches.size() > 1) {
                    throw new Failure(feed + " is the start of the ids of " + matches.size() + " feeds ("
                            + matches.stream().map(FeedSubscription::url).collect(Collectors.joining(", ")) + "); give more of the id");
                }
                FeedSubscription removed = matches.getFirst();
                topic.unsubscribe(removed.id());
                out().printf("removed feed %s %s%n", shortId(removed.id()), removed.url());
            }
            return 0;
        }

        private boolean isUrl() {
            return feed.contains("://");
        }

        private List<FeedSubscription> matching(List<FeedSubscription> feeds) {
            if (isUrl()) {
                String id;
                try {
                    id = FeedRef.idOf(feed);
                } catch (IllegalArgumentException e) {
                    throw new Failure("\"" + feed + "\" is not an absolute http(s) URL");
                }
                return feeds.stream().filter(f -> f.id().equals(id)).toList();
            }
            String prefix = feed.strip().toLowerCase(Locale.ROOT);
            return prefix.isEmpty() ? List.of() : feeds.stream().filter(f -> f.id().startsWith(prefix)).toList();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists the subscribed feeds with their health.",
                    "Health as ingest-service last recorded it in " + Topics.INGEST_STATE + ": ok, backing off (failed polls"
                            + " or a server that asked to wait), or failing since T (" + FeedState.FAILING_AFTER + " or more failed"
                            + " polls in a row; still retried, at the backoff ceiling at worst); the last poll's status and time,"
                            + " the next poll, failed polls in a row, articles published, and the last error of each feed that fails."})
    static final class ListFeeds extends FeedsSubcommand {

        @Override
        int run() {
            try (FeedsTopic topic = open()) {
                List<FeedSubscription> feeds = topic.subscriptions();
                if (feeds.isEmpty()) {
                    out().printf("no feeds are subscribed on %s at %s; add one with `newsflow feeds add URL`"
                            + " or `newsflow feeds import FILE`%n", Topics.FEEDS, topic.bootstrapServers());
                    return 0;
                }
                out().print(table(feeds, topic.states()));
            }
            return 0;
        }

        /** One row per feed, columns as wide as their widest value, then the last error of each failing feed. */
        static String table(List<FeedSubscription> feeds, Map<String, FeedState> states) {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "HEALTH", "STATUS", "LAST POLLED", "NEXT POLL", "FAILURES", "ARTICLES", "INTERVAL", "URL", "TITLE", "PUBLISHER"));
            for (FeedSubscription feed : feeds) {
                FeedState state = states.get(feed.id());
                rows.add(List.of(
                        shortId(feed.id()),
                        health(state),
                        state == null || state.lastStatus() == null ? "never polled" : state.lastStatus(),
                        state == null || state.lastPolledAt() == null ? "-" : state.lastPolledAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                        state == null || state.nextCheckAt() == null ? "-" : state.nextCheckAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                        state == null ? "0" : String.valueOf(state.consecutiveFailures()),
                        state == null ? "0" : String.valueOf(state.articlesPublished()),
                        feed.pollInterval() == null ? "default" : FeedListWriter.interval(feed.pollInterval()),
                        feed.url(),
                        feed.title() == null ? "-" : feed.title(),
                        feed.publisher() == null ? "-" : feed.publisher()));
            }
            int[] widths = new int[rows.getFirst().size()];
            for (List<String> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.size(); i++) {
                    line.append(String.format("%-" + widths[i] + "s  ", row.get(i)));
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
            out.append(feeds.size()).append(feeds.size() == 1 ? " feed\n" : " feeds\n");
            for (FeedSubscription feed : feeds) {
                FeedState state = states.get(feed.id());
                if (state != null && state.consecutiveFailures() > 0) {
                    out.append(state.health() == FeedState.Health.FAILING ? "failing: " : "backing off: ")
                            .append(shortId(feed.id())).append(' ').append(feed.url()).append(": ")
                            .append(state.lastError() != null ? state.lastError() : state.lastStatus()).append('\n');
                }
                if (state != null && state.movedTo() != null) {
                    out.append("moved: ").append(shortId(feed.id())).append(' ').append(feed.url()).append(" is polled at ")
                            .append(state.movedTo()).append(" (a permanent redirect)\n");
                }
            }
            return out.toString();
        }

        /** ok, backing off, or failing since when the failures began. */
        static String health(FeedState state) {
            if (state == null) {
                return "ok";
            }
            return switch (state.health()) {
                case OK -> "ok";
                case BACKING_OFF -> "backing off";
                case FAILING -> "failing since " + (state.failingSince() == null ? "?" : state.failingSince().truncatedTo(ChronoUnit.SECONDS));
            };
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Subscribes to every feed of a feed list (OPML, JSON or YAML).",
                    "The formats ingest-service's NEWSFLOW_FEEDS takes: OPML, or a JSON or YAML list of"
                            + " {url, title?, publisher?, pollInterval?}. Feeds already subscribed get the list's subscription;"
                            + " feeds not in the list stay subscribed."})
    static final class Import extends FeedsSubcommand {

        @Parameters(paramLabel = "FILE", description = "The feed list.")
        Path file;

        @Override
        int run() {
            // A bad list is reported before Kafka is touched.
            List<FeedSubscription> feeds = new FeedListReader().read(file);
            try (FeedsTopic topic = open()) {
                Map<String, FeedSubscription> known = topic.subscriptions().stream()
                        .collect(Collectors.toMap(FeedSubscription::id, Function.identity(), (first, second) -> first));
                List<FeedSubscription> changed = feeds.stream().filter(f -> !f.equals(known.get(f.id()))).toList();
                long added = changed.stream().filter(f -> !known.containsKey(f.id())).count();
                if (!changed.isEmpty()) {
                    topic.subscribe(changed);
                }
                out().printf("imported %d feeds from %s: %d added, %d updated, %d unchanged%n", feeds.size(), file,
                        added, changed.size() - added, feeds.size() - changed.size());
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Writes the subscribed feeds as a feed list that `feeds import` and ingest-service's NEWSFLOW_FEEDS read back.")
    static final class Export extends FeedsSubcommand {

        enum Format { opml, json }

        @Option(names = "--format", paramLabel = "opml|json",
                description = "The list's format. Default: json for a FILE ending in .json, .yaml or .yml, else opml.")
        Format format;

        @Parameters(paramLabel = "FILE|-", arity = "0..1", defaultValue = "-", description = "Where to write it; - (the default) is standard output.")
        String target;

        @Override
        int run() {
            boolean toStdout = target.equals("-");
            Format chosen = format(toStdout);
            try (FeedsTopic topic = open()) {
                List<FeedSubscription> feeds = topic.subscriptions();
                if (feeds.isEmpty()) {
                    throw new Failure("no feeds are subscribed on " + Topics.FEEDS + " at " + topic.bootstrapServers()
                            + ", so there is nothing to export (a feed list without feeds cannot be imported)");
                }
                String list = chosen == Format.json ? FeedListWriter.json(feeds) : FeedListWriter.opml(feeds, Instant.now());
                if (toStdout) {
                    out().print(list);
                    out().flush();
                } else {
                    try {
                        Files.writeString(Path.of(target), list, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new Failure("cannot write " + target + ": " + e);
                    }
                    out().printf("exported %d feeds to %s%n", feeds.size(), target);
                }
            }
            return 0;
        }

        /** The format asked for, or the one the file name implies; refused where `feeds import` would read the file as another format. */
        private Format format(boolean toStdout) {
            String name = toStdout ? "" : target.toLowerCase(Locale.ROOT);
            boolean readAsOpml = name.endsWith(".opml") || name.endsWith(".xml");
            boolean readAsJsonOrYaml = name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
            if (format == null) {
                return readAsJsonOrYaml ? Format.json : Format.opml;
            }
            if (format == Format.json && readAsOpml || format == Format.opml && readAsJsonOrYaml) {
                throw new Failure("--format " + format + " does not fit the name " + target
                        + ": `feeds import` tells the format from the name; name the file ." + format + " or leave out --format");
            }
            return format;
        }
    }

    @Command(name = "discover", mixinStandardHelpOptions = true,
            description = {"Finds a site's feeds from its home page: those its <link rel=\"alternate\"> elements announce,",
                    "else those at common paths (/feed, /rss.xml, /atom.xml, ...). Each is fetched and kept only if it is a feed.",
                    "Fetches as ingest-service does (NEWSFLOW_FETCH_* settings: timeouts, size cap, address policy, User-Agent)."})
    static final class Discover extends FeedsSubcommand {

        @Parameters(paramLabel = "URL", description = "The site's home page (or any page that announces its feeds).")
        String url;

        @Option(names = "--add", description = "Subscribe to every feed found.")
        boolean add;

        @Option(names = "--allow-private", description = "Allow loopback and private addresses, as NEWSFLOW_FETCH_ALLOW_PRIVATE=true does.")
        boolean allowPrivate;

        @Override
        int run() {
            URI home;
            try {
                home = URI.create(ArticleId.normalise(url));
            } catch (IllegalArgumentException e) {
                throw new Failure("\"" + url + "\" is not an absolute http(s) URL; give the site's address, e.g. https://example.com/");
            }
            HttpFetcher.Options options = HttpFetcher.Options.from(Settings.fromEnvironment());
            if (allowPrivate) {
                options = new HttpFetcher.Options(options.connectTimeout(), options.requestTimeout(), options.maxBodyBytes(),
                        options.maxRedirects(), true, options.userAgent(), options.allowedNetworks(), options.hostConcurrency(),
                        options.hostDelay(), options.maxCrawlDelay());
            }
            List<FeedDiscovery.Found> found;
            try {
                found = new FeedDiscovery(new HttpFetcher(options), new FeedParser()).discover(home);
            } catch (FetchException e) {
                throw new Failure("cannot fetch " + home + ": " + e.getMessage());
            }
            if (found.isEmpty()) {
                throw new Failure("no feed found on " + home + ": it announces none with <link rel=\"alternate\">, and none of "
                        + String.join(", ", FeedDiscovery.COMMON_PATHS) + " is a feed; add the feed's URL with `newsflow feeds add URL`");
            }
            for (FeedDiscovery.Found feed : found) {
                out().printf("%s  %s  %s%n", feed.type(), feed.url(), feed.title() == null ? "-" : feed.title());
            }
            if (add) {
                try (FeedsTopic topic = open()) {
                    topic.subscribe(found.stream().map(f -> FeedSubscription.of(f.url(), null, null)).toList());
                }
                out().printf("added %d feeds%n", found.size());
            }
            return 0;
        }
    }

    static String shortId(String feedId) {
        return feedId.length() > SHORT_ID ? feedId.substring(0, SHORT_ID) : feedId;
    }

    /** " (title "T", publisher P, polled every 5m)", naming only what the subscription gives. */
    private static String details(FeedSubscription feed) {
        List<String> parts = new ArrayList<>();
        if (feed.title() != null) {
            parts.add("title \"" + feed.title() + "\"");
        }
        if (feed.publisher() != null) {
            parts.add("publisher " + feed.publisher());
        }
        parts.add(feed.pollInterval() == null ? "polled at ingest-service's interval" : "polled every " + FeedListWriter.interval(feed.pollInterval()));
        return " (" + String.join(", ", parts) + ")";
    }
}
