package io.newsflow.index.consume;

import io.newsflow.core.kafka.DeadLetters;
import io.newsflow.core.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Sends records this stage cannot index to {@link Topics#DEADLETTER} and waits for each acknowledgement:
 * a dead-lettered record is final only once the dead-letter topic holds it.
 */
final class DeadLetterPublisher {

    static final String STAGE = "index";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

    private final Producer<byte[], byte[]> producer;

    DeadLetterPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Sends every entry and marks those Kafka acknowledged as done. The wait is bounded by the producer's delivery timeout.
     *
     * @return the first failure, or null when all were acknowledged; entries that failed stay to be sent again
     */
    Exception publish(List<PendingBatch.Entry> entries) throws InterruptedException {
        List<Future<RecordMetadata>> sends = new ArrayList<>(entries.size());
        for (PendingBatch.Entry entry : entries) {
            ConsumerRecord<byte[], byte[]> record = entry.record();
            sends.add(producer.send(DeadLetters.of(STAGE, record.topic(), record.partition(), record.offset(),
                    record.key(), record.value(), record.headers(), entry.rejection())));
        }
        Exception failure = null;
        for (int i = 0; i < entries.size(); i++) {
            PendingBatch.Entry entry = entries.get(i);
            try {
                sends.get(i).get();
                entry.done();
                log.atWarn().addKeyValue("article.id", entry.document() == null ? null : entry.document().id())
                        .log("record {} sent to {}: {}", entry.describe(), Topics.DEADLETTER, entry.rejection().getMessage());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot write dead letter for " + entry.describe() + " to "
                            + Topics.DEADLETTER + ": " + e.getCause(), e.getCause());
                }
            }
        }
        return failure;
    }
}
