package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.metrics.StageCounters;
import io.newsflow.enrich.Enricher;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.Topology;

/**
 * The enrichment stream: {@code news.articles.raw} → enrich → {@code news.articles.enriched}, or
 * {@code news.deadletter} for a record that cannot be enriched. Bytes in and out: the processor decodes JSON
 * itself so that a bad record is dead-lettered instead of stopping the stream.
 */
public final class EnrichTopology {

    static final String SOURCE = "raw-articles";
    static final String PROCESSOR = "enrich";
    static final String ENRICHED_SINK = "enriched-articles";
    static final String DEADLETTER_SINK = "dead-letters";

    private EnrichTopology() {
    }

    /** @param registry where enriched articles and dead letters are counted */
    public static Topology build(Enricher enricher, MeterRegistry registry) {
        StageCounters counters = new StageCounters(registry, EnrichProcessor.STAGE);
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.ARTICLES_RAW);
        topology.addProcessor(PROCESSOR, () -> new EnrichProcessor(enricher, counters), SOURCE);
        topology.addSink(ENRICHED_SINK, Topics.ARTICLES_ENRICHED, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        topology.addSink(DEADLETTER_SINK, Topics.DEADLETTER, new ByteArraySerializer(), new ByteArraySerializer(), PROCESSOR);
        return topology;
    }
}
