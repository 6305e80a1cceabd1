package io.newsflow.core.kafka;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * CloudEvents 1.0 attributes as Kafka headers (Kafka protocol binding, binary content mode):
 * the record value is the event data, the attributes travel as {@code ce_*} headers.
 */
public final class CloudEvents {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** Event type of records on {@link Topics#ARTICLES_RAW}. */
    public static final String RAW_ARTICLE_TYPE = "io.newsflow.article.raw.v1";
    /** Event type of records on {@link Topics#ARTICLES_ENRICHED}. */
    public static final String ENRICHED_ARTICLE_TYPE = "io.newsflow.article.enriched.v1";

    private CloudEvents() {
    }

    /**
     * Headers for one JSON event.
     *
     * @param id     unique for this event from this source; a redelivery of the same event keeps it
     * @param type   one of the {@code *_TYPE} constants
     * @param source the producing service, e.g. {@code /newsflow/ingest-service}
     */
    public static Headers headers(String id, String type, String source, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ID, utf8(id));
        headers.add(TYPE, utf8(type));
        headers.add(SOURCE, utf8(source));
        headers.add(SPEC_VERSION, utf8("1.0"));
        headers.add(TIME, utf8(time.toString()));
        headers.add(CONTENT_TYPE, utf8("application/json; charset=utf-8"));
        return headers;
    }

    /** The value of header {@code name} as text, or null if absent. */
    public static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
