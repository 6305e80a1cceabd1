package io.newsflow.enrich.stream;

import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.TopicTag;
import io.newsflow.core.json.InvalidRecordException;
import io.newsflow.core.json.Json;
import io.newsflow.core.kafka.CloudEvents;
import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.Topics;
import io.newsflow.core.metrics.StageCounters;
import io.newsflow.enrich.Enricher;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Enriches one raw article record and forwards the result as an enriched {@link Outcome} (to be put in its story by
 * {@link StoryProcessor}), or the input unchanged as a dead letter when it cannot be decoded or enriched. Only
 * failures of the record itself are dead-lettered: a failure to forward (the producer, the broker) propagates so that
 * Kafka Streams retries the transaction.
 * Each enriched article and each dead letter is counted ({@link StageCounters}, stage {@value #STAGE}).
 */
final class EnrichProcessor implements Processor<byte[], byte[], byte[], Outcome> {

    static final String EVENT_SOURCE = "/newsflow/enrich-service";
    static final String STAGE = "enrich";

    private static final Logger log = LoggerFactory.getLogger(EnrichProcessor.class);

    private final Enricher enricher;
    private final StageCounters counters;
    private ProcessorContext<byte[], Outcome> context;

    EnrichProcessor(Enricher enricher, StageCounters counters) {
        this.enricher = enricher;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<byte[], Outcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata from = context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException("a record from a source topic always has metadata"));
        Record<byte[], Outcome> enriched;
        try {
            enriched = enrich(record, from);
        } catch (RuntimeException | StackOverflowError e) {
            // StackOverflowError too: a pathological text can overflow a regular expression; that is the record's
            // fault, not the process's, and must not stop the stream.
            // The raw record's key is its article id, even when its value cannot be read.
            log.atWarn().addKeyValue("article.id", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8))
                    .log("dead-lettering {}-{}@{}: {}", from.topic(), from.partition(), from.offset(), e.toString());
            ProducerRecord<byte[], byte[]> dead = DeadLetters.of(STAGE, from.topic(), from.partition(), from.offset(),
                    record.key(), record.value(), record.headers(), e);
            context.forward(new Record<>(dead.key(), Outcome.deadLetter(dead.value()), record.timestamp(), dead.headers()));
            counters.deadLetter(e.getClass().getName());
            return;
        }
        context.forward(enriched);
        counters.articles(1);
    }

    private Record<byte[], Outcome> enrich(Record<byte[], byte[]> record, RecordMetadata from) {
        RawArticle raw = Json.fromBytes(record.value(), RawArticle.class);
        EnrichedArticle article = enricher.enrich(raw);
        byte[] value = Json.toBytes(article);
        if (value.length > Topics.MAX_RECORD_BYTES) {
            throw new InvalidRecordException("the enriched article is " + value.length + " bytes, more than the "
                    + Topics.MAX_RECORD_BYTES + " bytes " + Topics.ARTICLES_ENRICHED + " accepts");
        }
        log.atInfo().addKeyValue("article.id", article.id()).addKeyValue("feed.id", article.article().feed().id())
                .log("enriched {} ({}: {} cited sources, topics {})", article.id(), article.attribution().publisher().name(),
                        article.attribution().citedSources().size(), article.topics().stream().map(TopicTag::label).toList());
        return new Record<>(article.id().getBytes(StandardCharsets.UTF_8), Outcome.enriched(value), record.timestamp(),
                CloudEvents.headers(eventId(record, from), CloudEvents.ENRICHED_ARTICLE_TYPE, EVENT_SOURCE,
                        article.enrichedAt()));
    }

    /**
     * The same input event always yields the same output event id, so that consumers can recognise a replay:
     * derived from the input's {@code ce_id}, or from its position when it has none.
     */
    static String eventId(Record<byte[], byte[]> record, RecordMetadata from) {
        String inputId = CloudEvents.header(record.headers(), CloudEvents.ID);
        String basis = inputId != null ? "ce_id:" + inputId : "offset:" + from.topic() + "/" + from.partition() + "/" + from.offset();
        return UUID.nameUUIDFromBytes((STAGE + "|" + basis).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
