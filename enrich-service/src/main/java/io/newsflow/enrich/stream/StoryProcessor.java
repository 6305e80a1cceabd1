package io.newsflow.enrich.stream;

import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.Topics;
import io.newsflow.enrich.story.StoryClusters;
import io.newsflow.enrich.story.StoryStore;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

/**
 * Puts each enriched article in its story ({@link StoryClusters}, state in the store {@value EnrichTopology#STORY_STORE})
 * and forwards it with its headers. It runs on the single partition every enriched article is repartitioned to, so
 * that copies of a story from any input partition meet. An article it cannot cluster (its record or the state is not
 * what this code wrote) goes on without a story, so that clustering never stops the stream nor loses an article.
 */
final class StoryProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    /** How often the story state older than the clustering window is dropped (wall-clock time). */
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(StoryProcessor.class);

    private final StoryClusters stories;
    private ProcessorContext<byte[], byte[]> context;
    private StoryStore store;

    StoryProcessor(StoryClusters stories) {
        this.stories = stories;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
        this.store = new KeyValueStoryStore(context.getStateStore(EnrichTopology.STORY_STORE));
        context.schedule(PURGE_EVERY, PunctuationType.WALL_CLOCK_TIME, now -> stories.purge(store, Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        byte[] value = record.value();
        try {
            EnrichedArticle article = stories.assign(Json.fromBytes(record.value(), EnrichedArticle.class), store);
            byte[] clustered = Json.toBytes(article);
            if (clustered.length <= Topics.MAX_RECORD_BYTES) {
                value = clustered;
            }
        } catch (RuntimeException e) {
            log.warn("cannot put an enriched article in its story, forwarding it without one: {}", e.toString());
        }
        context.forward(record.withValue(value));
    }
}
