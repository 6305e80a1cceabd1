package io.newsflow.core.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import co.elastic.logging.EcsJsonSerializer;
import co.elastic.logging.logback.EcsEncoder;
import org.slf4j.event.KeyValuePair;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ECS encoder, plus the event's SLF4J key-value pairs ({@code log.atInfo().addKeyValue("article.id", id)}) as
 * top-level fields, the way it writes MDC entries: the encoder (1.7.0) itself leaves them out.
 */
public final class EcsKeyValueEncoder extends EcsEncoder {

    @Override
    protected void addCustomFields(ILoggingEvent event, StringBuilder builder) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null || pairs.isEmpty()) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (KeyValuePair pair : pairs) {
            fields.put(pair.key, pair.value);
        }
        EcsJsonSerializer.serializeMDC(builder, fields);
    }
}
