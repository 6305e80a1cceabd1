package io.newsflow.core.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.time.Instant;

/**
 * Builds records for {@link Topics#DEADLETTER}: the original key and value, the original headers,
 * and {@code dlq.*} headers saying which stage rejected it, why, and where it came from.
 */
public final class DeadLetters {

    public static final String STAGE = "dlq.stage";
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_MESSAGE = "dlq.error.message";
    public static final String TIME = "dlq.time";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";

    private static final int MAX_MESSAGE_CHARS = 4000;

    private DeadLetters() {
    }

    /**
     * A dead letter for a record that came from a topic.
     *
     * @param stage  the stage that rejected it: {@code ingest}, {@code enrich} or {@code index}
     * @param reason the error; its class and message go into headers
     */
    public static ProducerRecord<byte[], byte[]> of(String stage, String sourceTopic, int sourcePartition, long sourceOffset,
                                                    byte[] key, byte[] value, Headers originalHeaders, Throwable reason) {
        Headers headers = copyOf(originalHeaders);
        headers.add(SOURCE_TOPIC, CloudEvents.utf8(sourceTopic));
        headers.add(SOURCE_PARTITION, CloudEvents.utf8(String.valueOf(sourcePartition)));
        headers.add(SOURCE_OFFSET, CloudEvents.utf8(String.valueOf(sourceOffset)));
        return record(stage, key, value, headers, reason.getClass().getName(), messageOf(reason));
    }

    /** A dead letter for something that never was on a topic (an article too large for it, say). */
    public static ProducerRecord<byte[], byte[]> of(String stage, byte[] key, byte[] value, String errorClass, String message) {
        return record(stage, key, value, new RecordHeaders(), errorClass, message);
    }

    private static ProducerRecord<byte[], byte[]> record(String stage, byte[] key, byte[] value, Headers headers,
                                                         String errorClass, String message) {
        headers.add(STAGE, CloudEvents.utf8(stage));
        headers.add(ERROR_CLASS, CloudEvents.utf8(errorClass));
        headers.add(ERROR_MESSAGE, CloudEvents.utf8(truncate(message)));
        headers.add(TIME, CloudEvents.utf8(Instant.now().toString()));
        return new ProducerRecord<>(Topics.DEADLETTER, null, key, value, headers);
    }

    private static Headers copyOf(Headers original) {
        RecordHeaders copy = new RecordHeaders();
        if (original != null) {
            for (Header header : original) {
                copy.add(header.key(), header.value());
            }
        }
        return copy;
    }

    private static String messageOf(Throwable reason) {
        return reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
