package io.newsflow.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * The one JSON mapper of the pipeline. Dates are ISO-8601 strings that keep their original offset;
 * unknown fields are ignored so that a consumer keeps working when a newer producer adds fields.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String toString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads {@code bytes} as a {@code type}.
     *
     * @throws InvalidRecordException if the bytes are not JSON of that shape, with the parser's reason
     */
    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new InvalidRecordException("no value (null or tombstone) where a " + type.getSimpleName() + " was expected");
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new InvalidRecordException("not a valid " + type.getSimpleName() + " JSON record: " + e.getMessage(), e);
        }
    }

    public static <T> T fromString(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new InvalidRecordException("not a valid " + type.getSimpleName() + " JSON record: " + e.getMessage(), e);
        }
    }
}
