package io.newsflow.deploy.cli;

import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.Topics;
import io.newsflow.deploy.testing.SharedStack;
import io.newsflow.ingest.feed.KafkaSubscriptions;
import io.newsflow.ingest.state.CompactedTopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./newsflow feeds} against the real broker, run in this JVM as the launcher runs it. Other test classes share
 * {@code news.feeds}, so each test uses feed URLs of its own and removes them at the end. The URLs are on a loopback
 * port where nothing listens: an ingest-service of another test that polled them would contact nothing outside.
 */
class FeedsCommandIT {

    private String kafka;
    private String base;
    private final Set<String> added = new LinkedHashSet<>();

    @BeforeEach
    void setUp() {
        kafka = SharedStack.get().kafkaBootstrapServers();
        base = "http://127.0.0.1:9/feeds-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void removeFeedsLeftOver() {
        List<String> subscribed = subscriptions().stream().map(FeedSubscription::url).toList();
        added.stream().filter(subscribed::contains).forEach(url -> assertThat(feeds("remove", url).exit()).isZero());
    }

    private FeedsCommandTest.Result feeds(String... args) {
        String[] withKafka = Stream.concat(Arrays.stream(args), Stream.of("--kafka", kafka)).toArray(String[]::new);
        return FeedsCommandTest.run(withKafka);
    }

    private FeedsCommandTest.Result add(String url, String... options) {
        added.add(url);
        return feeds(Stream.concat(Stream.of("add", url), Arrays.stream(options)).toArray(String[]::new));
    }

    /** The subscriptions as ingest-service reads them. */
    private List<FeedSubscription> subscriptions() {
        KafkaConnection connection = new KafkaConnection(kafka);
        try (CompactedTopicReader reader = new CompactedTopicReader(
                new KafkaConsumer<>(KafkaConfigs.consumer(connection, "feeds-it", null)), Duration.ofSeconds(30))) {
            return new KafkaSubscriptions(reader).subscriptions();
        }
    }

    private List<FeedSubscription> ours() {
        return subscriptions().stream().filter(f -> f.url().startsWith(base)).toList();
    }

    /** Every record of {@code news.feeds} with this key, in order, values as text (null for a tombstone). */
    private List<String> recordsOf(String feedId) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(new KafkaConnection(kafka), "feeds-it-raw", null))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FEEDS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end within 30 s", Topics.FEEDS).isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (feedId.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        values.add(record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return values;
    }

    @Test
    void adds_lists_and_removes_feeds() {
        String first = base + "/first.xml";
        String second = base + "/second.xml";
        FeedSubscription firstFeed = FeedSubscription.of(first, "First & Best", "First Media", Duration.ofMinutes(5));

        FeedsCommandTest.Result addFirst = add(first, "--publisher", "First Media", "--title", "First & Best", "--interval", "5m");
        FeedsCommandTest.Result addSecond = add(second);

        assertThat(addFirst.exit()).as(addFirst.err()).isZero();
        assertThat(addFirst.out()).isEqualTo("added feed " + FeedsCommand.shortId(firstFeed.id()) + " " + first
                + " (title \"First & Best\", publisher First Media, polled every 5m)" + System.lineSeparator());
        assertThat(addSecond.exit()).as(addSecond.err()).isZero();
        assertThat(ours()).containsExactly(firstFeed, FeedSubscription.of(second, null, null));

        FeedsCommandTest.Result list = feeds("list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out().lines().filter(line -> line.contains(base)))
                .hasSize(2)
                .anySatisfy(line -> assertThat(line).matches(FeedsCommand.shortId(firstFeed.id())
                        + " +ok +never polled +- +- +0 +0 +5m +" + first + " +First & Best +First Media"))
                .anySatisfy(line -> assertThat(line).contains(second).contains("default"));

        FeedsCommandTest.Result remove = feeds("remove", first);
        assertThat(remove.exit()).as(remove.err()).isZero();
        assertThat(remove.out()).contains("removed feed " + FeedsCommand.shortId(firstFeed.id()) + " " + first);
        assertThat(recordsOf(firstFeed.id())).as("the subscription, then a tombstone").hasSize(2).last().isNull();

        assertThat(feeds("list").out().lines().filter(line -> line.contains(base))).singleElement().asString().contains(second);
        assertThat(ours()).containsExactly(FeedSubscription.of(second, null, null));

        // By the start of its id, as the list shows it.
        String secondId = FeedSubscription.of(second, null, null).id();
        assertThat(feeds("remove", FeedsCommand.shortId(secondId)).out()).contains("removed feed " + FeedsCommand.shortId(secondId));
        assertThat(ours()).isEmpty();

        FeedsCommandTest.Result again = feeds("remove", first);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("no subscribed feed has the URL " + first);
    }

    @Test
    void adding_a_subscribed_feed_again_replaces_its_subscription() {
        String url = base + "/feed.xml";
        assertThat(add(url, "--publisher", "Old Name").exit()).isZero();

        FeedsCommandTest.Result again = add(url, "--publisher", "New Name", "--interval", "90s");

        assertThat(again.out()).startsWith("updated feed ");
        assertThat(ours()).containsExactly(FeedSubscription.of(url, null, "New Name", Duration.ofSeconds(90)));
    }

    @Test
    void exported_feeds_import_back_as_the_same_subscriptions(@TempDir Path dir) throws IOException {
        List<FeedSubscription> feeds = List.of(
                FeedSubscription.of(base + "/markup.xml?a=1&b=2", "Tom & Jerry's <\"news\">", "Zürich – 日本", Duration.ofSeconds(90)),
                FeedSubscription.of(base + "/plain.xml", null, null));
        for (FeedSubscription feed : feeds) {
            List<String> options = new ArrayList<>();
            if (feed.title() != null) {
                options.addAll(List.of("--title", feed.title(), "--publisher", feed.publisher(), "--interval", "90s"));
            }
            assertThat(add(feed.url(), options.toArray(String[]::new)).exit()).isZero();
        }
        assertThat(ours()).containsExactlyElementsOf(feeds);
        Path opml = dir.resolve("feeds.opml");
        Path json = dir.resolve("feeds.json");

        FeedsCommandTest.Result toFile = feeds("export", opml.toString());
        FeedsCommandTest.Result toStdout = feeds("export", "--format", "json", "-");

        assertThat(toFile.exit()).as(toFile.err()).isZero();
        assertThat(toFile.out()).startsWith("exported ").contains(" feeds to " + opml);
        assertThat(Files.readString(opml)).startsWith("<?xml").contains("xmlUrl=\"" + base + "/markup.xml?a=1&amp;b=2\"");
        assertThat(toStdout.exit()).as(toStdout.err()).isZero();
        assertThat(toStdout.out()).startsWith("[").contains("\"url\" : \"" + base + "/plain.xml\"");
        Files.writeString(json, toStdout.out());

        for (Path list : List.of(opml, json)) {
            feeds.forEach(feed -> assertThat(feeds("remove", feed.url()).exit()).isZero());
            assertThat(ours()).isEmpty();

            FeedsCommandTest.Result imported = feeds("import", list.toString());

            assertThat(imported.exit()).as(imported.err()).isZero();
            // Feeds of other tests on the shared topic are in the export too, and come back unchanged.
            assertThat(imported.out()).startsWith("imported ").contains("from " + list + ": 2 added, 0 updated, ");
            assertThat(ours()).as("subscriptions imported from %s", list.getFileName()).containsExactlyElementsOf(feeds);
        }
    }
}
