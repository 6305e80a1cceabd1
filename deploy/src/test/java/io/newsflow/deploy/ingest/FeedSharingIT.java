package io.newsflow.deploy.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.ArticleId;
import io.newsflow.core.article.FeedRef;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.config.Settings;
import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.KafkaConfigs;
import io.newsflow.core.kafka.KafkaConnection;
import io.newsflow.core.kafka.TopicScan;
import io.newsflow.core.kafka.TopicSetup;
import io.newsflow.core.kafka.Topics;
import io.newsflow.deploy.Await;
import io.newsflow.deploy.testing.SharedStack;
import io.newsflow.ingest.IngestConfig;
import io.newsflow.ingest.IngestService;
import io.newsflow.ingest.publish.ArticleRecords;
import io.newsflow.ingest.publish.KafkaPublisher;
import io.newsflow.ingest.publish.PublishException;
import io.newsflow.ingest.publish.TransactionFence;
import io.newsflow.ingest.state.FeedState;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two ingest-service instances in one consumer group against the real broker: each feed is polled by exactly one of
 * them; when one stops, the other takes its feeds over with their state (ETag, seen items), so nothing is published
 * twice; and a transaction carrying a stale group generation (a zombie's) is refused. Feeds are served from two
 * loopback hosts; the instances are told apart by their User-Agent.
 */
class FeedSharingIT {

    private static final int FEEDS_PER_HOST = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Shorter than the group's 45 s session timeout: a stopped instance must leave, not be waited out. */
    private static final Duration HANDOVER = Duration.ofSeconds(20);

    private String kafka;
    private String run;
    private FeedHosts hosts;
    private final List<FeedSubscription> feeds = new ArrayList<>();
    private final List<IngestService> services = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        kafka = SharedStack.get().kafkaBootstrapServers();
        run = UUID.randomUUID().toString().substring(0, 8);
        hosts = new FeedHosts(2);
    }

    @AfterEach
    void tearDown() {
        services.forEach(IngestService::close);
        if (!feeds.isEmpty()) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaConfigs.producer(new KafkaConnection(kafka), "sharing-it"))) {
                feeds.forEach(feed -> producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.FEEDS,
                        feed.id().getBytes(StandardCharsets.UTF_8), null)));
            }
        }
        hosts.close();
    }

    private IngestService start(String name) {
        Map<String, String> env = new HashMap<>();
        env.put(KafkaConnection.BOOTSTRAP_SERVERS, kafka);
        env.put("NEWSFLOW_INGEST_INSTANCE_ID", "sharing-" + name + "-" + run);
        env.put("NEWSFLOW_INGEST_GROUP", "sharing-it-" + run);
        env.put("NEWSFLOW_POLL_INTERVAL", "1s");
        env.put("NEWSFLOW_FETCH_ALLOW_PRIVATE", "true");
        env.put("NEWSFLOW_FETCH_HOST_DELAY", "1ms");
        env.put("NEWSFLOW_FETCH_USER_AGENT", name);
        IngestService service = new IngestService(IngestConfig.from(new Settings(env)), new SimpleMeterRegistry());
        services.add(service);
        service.start();
        return service;
    }

    private void subscribe() {
        TopicSetup.ensureTopics(new KafkaConnection(kafka), TopicSetup.Layout.from(new Settings(Map.of())));
        for (int host = 0; host < 2; host++) {
            for (int n = 0; n < FEEDS_PER_HOST; n++) {
                feeds.add(FeedSubscription.of(hosts.feedUrl(host, n) + "?run=" + run, null, null));
            }
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KafkaConfigs.producer(new KafkaConnection(kafka), "sharing-it"))) {
            feeds.forEach(feed -> producer.send(ArticleRecords.subscription(feed)));
        }
    }

    /** Which instances (User-Agents) requested each of our feeds, among the requests from index {@code from} on. */
    private Map<String, Set<String>> pollersByFeed(int from) {
        Map<String, Set<String>> by = new HashMap<>();
        List<FeedHosts.Request> requests = hosts.requests();
        for (FeedHosts.Request request : requests.subList(from, requests.size())) {
            by.computeIfAbsent(request.host() + request.path(), k -> new HashSet<>()).add(request.userAgent());
        }
        return by;
    }

    private List<String> groupInstanceIds() {
        try (Admin admin = Admin.create(KafkaConfigs.admin(new KafkaConnection(kafka), "sharing-it"))) {
            String group = "sharing-it-" + run;
            return admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members().stream()
                    .map(member -> member.groupInstanceId().orElse("(dynamic member " + member.consumerId() + ")")).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe consumer group sharing-it-" + run, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int partitions() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(new KafkaConnection(kafka), "sharing-it", null))) {
            return consumer.partitionsFor(Topics.FEEDS, WAIT).size();
        }
    }

    @Test
    void each_feed_is_polled_by_exactly_one_instance_and_moves_with_its_state_when_one_stops() {
        subscribe();
        int partitions = partitions();
        Set<Integer> used = feeds.stream()
                .map(f -> Utils.toPositive(Utils.murmur2(f.id().getBytes(StandardCharsets.UTF_8))) % partitions)
                .collect(Collectors.toSet());
        assertThat(used).as("our feeds span several partitions of " + Topics.FEEDS).hasSizeGreaterThan(1);
        int total = feeds.size();

        start("instance-a");
        IngestService b = start("instance-b");
        Await.until("both instances poll feeds", WAIT, () -> {
            Map<String, Set<String>> by = pollersByFeed(0);
            Set<String> instances = by.values().stream().flatMap(Set::stream).collect(Collectors.toSet());
            return by.size() == total && instances.containsAll(Set.of("instance-a", "instance-b"));
        });
        // Once the group settled, there is a window in which every feed is polled twice, each by one instance only;
        // a window that a rebalance crossed is started again.
        AtomicInteger window = new AtomicInteger(hosts.requests().size());
        Await.until("a window in which every feed is polled twice, each by one instance", WAIT, () -> {
            if (!everyFeedPolledTimes(window.get(), 2)) {
                return false;
            }
            if (pollersByFeed(window.get()).values().stream().allMatch(instances -> instances.size() == 1)) {
                return true;
            }
            window.set(hosts.requests().size());
            return false;
        });
        Map<String, Set<String>> byFeed = pollersByFeed(window.get());
        assertThat(byFeed).hasSize(total);
        assertThat(byFeed.values()).allSatisfy(instances -> assertThat(instances).hasSize(1));
        Set<String> ofA = byFeed.entrySet().stream().filter(e -> e.getValue().contains("instance-a"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(ofA).isNotEmpty().hasSizeLessThan(total);

        assertThat(groupInstanceIds()).as("static members, so that a restarted instance takes its feeds back at once")
                .containsExactlyInAnyOrder("newsflow-ingest-sharing-instance-a-" + run, "newsflow-ingest-sharing-instance-b-" + run);

        services.getFirst().close();
        services.removeFirst();
        int afterStop = hosts.requests().size();
        Await.until("instance-b polls every feed", HANDOVER, () -> pollersByFeed(afterStop).size() == total);

        List<FeedHosts.Request> taken = hosts.requests().subList(afterStop, hosts.requests().size()).stream()
                .filter(r -> ofA.contains(r.host() + r.path())).toList();
        assertThat(taken).allSatisfy(r -> {
            assertThat(r.userAgent()).isEqualTo("instance-b");
            assertThat(r.ifNoneMatch()).as("the state moved with the feed: its ETag is sent").isEqualTo(FeedHosts.etagOf(r.path()));
        });
        assertThat(b.readiness()).allSatisfy(check -> assertThat(check.up()).isTrue());

        Map<String, Integer> published = articlesByFeed();
        assertThat(published).as("one article per feed, none published twice").hasSize(total).allSatisfy((feed, count) -> assertThat(count).isEqualTo(1));
    }

    private boolean everyFeedPolledTimes(int from, int times) {
        Map<String, Integer> counts = new HashMap<>();
        List<FeedHosts.Request> requests = hosts.requests();
        requests.subList(from, requests.size()).forEach(r -> counts.merge(r.host() + r.path(), 1, Integer::sum));
        return counts.size() == feeds.size() && counts.values().stream().allMatch(c -> c >= times);
    }

    /** Our feeds' articles on news.articles.raw, counted per feed id. */
    private Map<String, Integer> articlesByFeed() {
        Set<String> ours = feeds.stream().map(FeedSubscription::id).collect(Collectors.toSet());
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaConfigs.consumer(new KafkaConnection(kafka), "sharing-it", null))) {
            consumer.seekToBeginning(TopicScan.assignAll(consumer, Topics.ARTICLES_RAW, WAIT));
            TopicScan.toEnd(consumer, WAIT, record -> {
                String feedId = feedIdOf(record.value());
                if (ours.contains(feedId)) {
                    counts.merge(feedId, 1, Integer::sum);
                }
            });
        }
        return counts;
    }

    /** The feed id of a raw record, or null for one that is no article: other tests share the topic (bad input too). */
    private static String feedIdOf(byte[] value) {
        try {
            return Json.fromBytes(value, RawArticle.class).feed().id();
        } catch (InvalidRecordException e) {
            return null;
        }
    }

    @Test
    void a_transaction_under_a_stale_group_generation_is_refused_and_publishes_nothing() throws Exception {
        KafkaConnection connection = new KafkaConnection(kafka);
        TopicSetup.ensureTopics(connection, TopicSetup.Layout.from(new Settings(Map.of())));
        String group = "zombie-it-" + run;
        ConsumerGroupMetadata stale;
        try (KafkaConsumer<byte[], byte[]> first = new KafkaConsumer<>(KafkaConfigs.consumer(connection, "zombie-1", group))) {
            first.subscribe(List.of(Topics.FEEDS));
            Await.until("the first member is assigned", WAIT, () -> {
                first.poll(Duration.ofMillis(100));
                return !first.assignment().isEmpty();
            });
            stale = first.groupMetadata();
        }
        // The first member left; the group moves on to a new generation without it: its metadata is a zombie's.
        try (KafkaConsumer<byte[], byte[]> second = new KafkaConsumer<>(KafkaConfigs.consumer(connection, "zombie-2", group))) {
            second.subscribe(List.of(Topics.FEEDS));
            Await.until("the second member is assigned", WAIT, () -> {
                second.poll(Duration.ofMillis(100));
                return !second.assignment().isEmpty();
            });
            String transactionalId = "zombie-it-" + run;
            TransactionFence fence = feedId -> new TransactionFence.Fence(
                    Map.of(new TopicPartition(Topics.FEEDS, 0), new OffsetAndMetadata(0)), stale);
            FeedSubscription feed = FeedSubscription.of("http://127.0.0.1:9/zombie-" + run, null, null);
            RawArticle article = new RawArticle(RawArticle.SCHEMA_VERSION, ArticleId.of(feed.url() + "/story"), feed.url() + "/story",
                    feed.url() + "/story", new FeedRef(feed.id(), feed.url(), null, null), "Zombie story", "text", null, List.of(),
                    null, null, null, null, null, Instant.now());
            try (KafkaPublisher publisher = new KafkaPublisher(() -> new KafkaProducer<>(
                    KafkaConfigs.transactionalProducer(connection, transactionalId, transactionalId)), transactionalId,
                    new SimpleMeterRegistry(), fence)) {
                publisher.open();
                assertThatThrownBy(() -> publisher.publish(List.of(article), FeedState.initial(feed.id(), feed.url())))
                        .isInstanceOf(PublishException.class);
            }
            Set<String> ids = new HashSet<>();
            try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(KafkaConfigs.consumer(connection, "zombie-reader", null))) {
                reader.seekToBeginning(TopicScan.assignAll(reader, Topics.ARTICLES_RAW, WAIT));
                TopicScan.toEnd(reader, WAIT, record -> ids.add(new String(record.key(), StandardCharsets.UTF_8)));
            }
            assertThat(ids).doesNotContain(article.id());
        }
    }
}
