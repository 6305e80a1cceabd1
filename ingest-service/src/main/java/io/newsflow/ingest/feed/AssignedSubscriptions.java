package io.newsflow.ingest.feed;

import io.newsflow.core.feed.FeedSubscription;
import io.newsflow.core.kafka.TopicScan;
import io.newsflow.core.kafka.Topics;
import io.newsflow.ingest.publish.TransactionFence;
import io.newsflow.ingest.state.FeedStates;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The feeds this instance polls: those of the {@code news.feeds} partitions the consumer group assigns to it. Several
 * instances in one group share the feeds, each feed polled by exactly one; when an instance stops or starts, the
 * partitions and with them the feeds move in a rebalance.
 * <p>
 * Exactly once across a rebalance:
 * <ul>
 *   <li>revoked: the feeds stop being {@linkplain #owns owned} at once (no new poll starts), the polls running are
 *       awaited (their transactions commit or abort), then their states are forgotten;</li>
 *   <li>assigned: the committed offsets of the partitions are fetched first: with read_committed this waits until no
 *       transaction of the previous owner that carries offsets for them is pending; then the partitions'
 *       subscriptions and the feeds' states (from the same partition numbers of {@code news.ingest.state} when both
 *       topics have as many partitions, which keying by feed id makes co-partitioned; else from all of it) are read
 *       to their end, so polling resumes from the last committed state;</li>
 *   <li>each poll's transaction commits offsets of its feed's partition under this instance's group generation
 *       ({@link #of}): an instance that lost its feeds without noticing (a zombie) is refused by the group
 *       coordinator, and its transaction aborts.</li>
 * </ul>
 * The group consumer is used on this class's own thread only; it also follows changes of the assigned partitions.
 */
public final class AssignedSubscriptions implements SubscriptionSource, TransactionFence, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AssignedSubscriptions.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private record Assigned(FeedSubscription feed, TopicPartition partition) {
    }

    private final Consumer<byte[], byte[]> group;
    private final Supplier<Consumer<byte[], byte[]>> readers;
    private final FeedStates states;
    private final Duration timeout;
    private final CompletableFuture<Throwable> failure;
    private final Map<String, Assigned> feeds = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile List<FeedSubscription> snapshot = List.of();
    private volatile ConsumerGroupMetadata generation;
    private volatile PollLoop loop;
    private volatile boolean closing;
    private volatile boolean assignedOnce;

    /**
     * @param group   a consumer of the ingest group (read_committed, no auto-commit), used on this class's thread only;
     *                this class closes it
     * @param readers make consumers without group, to read assigned partitions and states to their end
     * @param timeout how long reading them or waiting for polls of revoked feeds may take
     * @param failure completed with the cause if following the assignment fails, since no feed is polled after that
     */
    public AssignedSubscriptions(Consumer<byte[], byte[]> group, Supplier<Consumer<byte[], byte[]>> readers,
                                 FeedStates states, Duration timeout, CompletableFuture<Throwable> failure) {
        this.group = group;
        this.readers = readers;
        this.states = states;
        this.timeout = timeout;
        this.failure = failure;
        this.thread = new Thread(this::run, "ingest-feeds");
    }

    /** Joins the group and follows the assigned feeds; {@code polls} is told when feeds arrive or must be let go. */
    public void start(PollLoop polls) {
        this.loop = polls;
        thread.start();
    }

    /** Whether the first assignment (possibly empty) was received and loaded. */
    public boolean isAssigned() {
        return assignedOnce;
    }

    @Override
    public List<FeedSubscription> subscriptions() {
        return snapshot;
    }

    /** Called after every change of the feeds, on this class's thread: the poll loop reads the list often. */
    private void changed() {
        snapshot = feeds.values().stream().map(Assigned::feed).sorted(Comparator.comparing(FeedSubscription::url)).toList();
        PollLoop polls = loop;
        if (polls != null) {
            polls.wake();
        }
    }

    @Override
    public boolean owns(String feedId) {
        return feeds.containsKey(feedId);
    }

    @Override
    public Fence of(String feedId) throws NotOwnedException {
        Assigned assigned = feeds.get(feedId);
        ConsumerGroupMetadata current = generation;
        if (assigned == null || current == null) {
            throw new NotOwnedException("the feed is no longer assigned to this instance; the instance that polls it now publishes it");
        }
        long position = positions.getOrDefault(assigned.partition(), 0L);
        return new Fence(Map.of(assigned.partition(), new OffsetAndMetadata(position)), current);
    }

    private void run() {
        try {
            group.subscribe(List.of(Topics.FEEDS), new Rebalance());
            while (!closing) {
                apply(group.poll(POLL));
                generation = group.groupMetadata();
                for (TopicPartition partition : group.assignment()) {
                    positions.put(partition, group.position(partition));
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            try {
                // Leaves the group, so that the other instances take the feeds over at once: a static member would
                // otherwise keep its partitions until its session timed out, waiting for itself to come back.
                group.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(timeout));
            } catch (RuntimeException e) {
                log.warn("closing the consumer of {} failed: {}", Topics.FEEDS, e.toString());
            }
        }
    }

    private void fail(RuntimeException e) {
        feeds.clear();
        snapshot = List.of();
        failure.complete(new IllegalStateException("following the feeds assigned to this instance in consumer group of "
                + Topics.FEEDS + " failed (" + e + "); no feed is polled until ingest-service restarts", e));
    }

    private void apply(Iterable<ConsumerRecord<byte[], byte[]>> records) {
        boolean changed = false;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.key() == null) {
                continue;
            }
            String key = new String(record.key(), StandardCharsets.UTF_8);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.value() == null) {
                changed |= feeds.remove(key) != null;
                continue;
            }
            FeedSubscription feed = KafkaSubscriptions.decode(key, record.value());
            if (feed != null) {
                feeds.put(feed.id(), new Assigned(feed, partition));
                changed = true;
            }
        }
        if (changed) {
            changed();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            letGo(partitions, "revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            letGo(partitions, "lost");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                take(partitions);
            }
            generation = group.groupMetadata();
            assignedOnce = true;
            changed();
        }
    }

    private void letGo(Collection<TopicPartition> partitions, String how) {
        if (partitions.isEmpty()) {
            return;
        }
        Set<TopicPartition> gone = new HashSet<>(partitions);
        List<String> ids = new ArrayList<>();
        feeds.forEach((id, assigned) -> {
            if (gone.contains(assigned.partition())) {
                ids.add(id);
            }
        });
        ids.forEach(feeds::remove);
        partitions.forEach(positions::remove);
        changed();
        PollLoop polls = loop;
        if (polls != null && !polls.awaitIdle(ids, timeout)) {
            log.warn("polls of feeds of {} partitions {} still ran after {} s; their transactions will be refused",
                    how, partitions, timeout.toSeconds());
        }
        states.removeAll(ids);
        log.info("{} partitions {} of {}: {} feeds handed over", how, partitions, Topics.FEEDS, ids.size());
    }

    private void take(Collection<TopicPartition> partitions) {
        Set<TopicPartition> assigned = Set.copyOf(partitions);
        // With read_committed this waits for pending transactional offsets of these partitions: the previous
        // owner's last poll is committed or aborted before its state is read.
        group.committed(assigned, timeout);
        Map<String, Assigned> loaded = new HashMap<>();
        Map<String, byte[]> stateRecords = new HashMap<>();
        try (Consumer<byte[], byte[]> reader = readers.get()) {
            reader.assign(assigned);
            reader.seekToBeginning(assigned);
            TopicScan.toEnd(reader, timeout, record -> {
                if (record.key() == null) {
                    return;
                }
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    loaded.remove(key);
                    return;
                }
                FeedSubscription feed = KafkaSubscriptions.decode(key, record.value());
                if (feed != null) {
                    loaded.put(feed.id(), new Assigned(feed, new TopicPartition(record.topic(), record.partition())));
                }
            });
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (TopicPartition partition : assigned) {
                ends.put(partition, reader.position(partition, timeout));
            }

            List<TopicPartition> stateTopic = TopicScan.assignAll(reader, Topics.INGEST_STATE, timeout);
            int feedPartitions = group.partitionsFor(Topics.FEEDS, timeout).size();
            List<TopicPartition> statePartitions = stateTopic.size() == feedPartitions
                    ? assigned.stream().map(p -> new TopicPartition(Topics.INGEST_STATE, p.partition())).toList()
                    : stateTopic;
            reader.assign(statePartitions);
            reader.seekToBeginning(statePartitions);
            TopicScan.toEnd(reader, timeout, record -> {
                if (record.key() == null) {
                    return;
                }
                String key = new String(record.key(), StandardCharsets.UTF_8);
                if (record.value() == null) {
                    stateRecords.remove(key);
                } else {
                    stateRecords.put(key, record.value());
                }
            });
            stateRecords.keySet().retainAll(loaded.keySet());
            ends.forEach(group::seek);
            ends.forEach(positions::put);
        }
        int withState = states.load(stateRecords);
        feeds.putAll(loaded);
        log.info("assigned partitions {} of {}: {} feeds, {} with a state", assigned, Topics.FEEDS, loaded.size(), withState);
    }

    @Override
    public void close() {
        closing = true;
        group.wakeup();
        if (thread.getState() == Thread.State.NEW) {
            // Stopped while the service was still starting (waiting for Kafka): there is nothing to wait for.
            return;
        }
        try {
            thread.join(timeout.plus(timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
