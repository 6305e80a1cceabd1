package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.metrics.StageCounters;
import io.newsflow.enrich.Enricher;
import io.newsflow.enrich.story.StoryClusters;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.util.Map;

/**
 * The enrichment stream: {@code news.articles.raw} → enrich → cluster into stories → {@code news.articles.enriched},
 * or {@code news.deadletter} for a record that cannot be enriched. Bytes in and out: the enrich processor decodes
 * JSON itself so that a bad record is dead-lettered instead of stopping the stream. Enrichment runs on every input
 * partition; the enriched articles then pass through a single-partition repartition topic to the story step, whose
 * state (the store {@value #STORY_STORE}) must see every article to find the copies of a story across publishers.
 * The output keeps the article id as its key, so all versions of one article still share a partition, in order.
 */
public final class EnrichTopology {

    static final String SOURCE = "raw-articles";
    static final String PROCESSOR = "enrich";
    static final String CLUSTER = "cluster-stories";
    static final String ENRICHED_SINK = "enriched-articles";
    static final String DEADLETTER_SINK = "dead-letters";
    /** The name of the repartition topic to the story step (prefixed by the application id, suffixed "-repartition"). */
    static final String STORIES = "stories";
    /** The story clusters' state: a local store with a changelog topic, so that it survives a restart or a move. */
    static final String STORY_STORE = "stories";

    private EnrichTopology() {
    }

    /** @param registry where enriched articles and dead letters are counted */
    public static Topology build(Enricher enricher, MeterRegistry registry) {
        StageCounters counters = new StageCounters(registry, EnrichProcessor.STAGE);
        StoryClusters stories = new StoryClusters();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORY_STORE),
                Serdes.String(), Serdes.String()));
        Map<String, KStream<byte[], Outcome>> outcomes = builder
                .stream(Topics.ARTICLES_RAW, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
                .process(() -> new EnrichProcessor(enricher, counters), Named.as(PROCESSOR))
                .split(Named.as("outcome-"))
                .branch((key, outcome) -> outcome.deadLetter(), Branched.as("dead"))
                .defaultBranch(Branched.as("enriched"));
        outcomes.get("outcome-dead")
                .mapValues(Outcome::value, Named.as("dead-letter-value"))
                .to(Topics.DEADLETTER, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(DEADLETTER_SINK));
        outcomes.get("outcome-enriched")
                .mapValues(Outcome::value, Named.as("enriched-value"))
                .repartition(Repartitioned.<byte[], byte[]>as(STORIES).withKeySerde(Serdes.ByteArray())
                        .withValueSerde(Serdes.ByteArray()).withNumberOfPartitions(1))
                .process(() -> new StoryProcessor(stories), Named.as(CLUSTER), STORY_STORE)
                .to(Topics.ARTICLES_ENRICHED, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(ENRICHED_SINK));
        return builder.build();
    }
}
