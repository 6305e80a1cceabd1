package io.newsflow.core.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.util.List;

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
     * @throws InvalidRecordException if the bytes are not JSON of that shape, or the record refuses the values,
     *                                with the reason and where in the record, e.g. "not a valid RawArticle JSON record:
     *                                missing required field 'url' (in feed)"
     */
    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        if (bytes == null) {
            throw new InvalidRecordException("no value (null or tombstone) where a " + type.getSimpleName() + " was expected");
        }
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw invalid(type, e);
        }
    }

    /** Reads {@code json} as a {@code type}, as {@link #fromBytes} does. */
    public static <T> T fromString(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw invalid(type, e);
        }
    }

    private static InvalidRecordException invalid(Class<?> type, IOException e) {
        return new InvalidRecordException("not a valid " + type.getSimpleName() + " JSON record: " + reason(e), e);
    }

    /** Jackson's reason, in the record's own words where the record refused, and where in the record it failed. */
    private static String reason(IOException e) {
        if (e instanceof InvalidNullException absent && absent.getPropertyName() != null) {
            // An absent or null value where the record allows none (a number: Jackson has no value to give it).
            String field = absent.getPropertyName().getSimpleName();
            List<Reference> path = absent.getPath();
            boolean endsAtField = !path.isEmpty() && field.equals(path.getLast().getFieldName());
            return "missing required field '" + field + "'" + in(endsAtField ? path.subList(0, path.size() - 1) : path);
        }
        if (e instanceof ValueInstantiationException refused && refused.getCause() != null) {
            // The record's constructor refused the values; its message names the field, the path says which object.
            Throwable cause = refused.getCause();
            return (cause.getMessage() != null ? cause.getMessage() : cause.toString()) + in(refused.getPath());
        }
        if (e instanceof JsonMappingException mapping) {
            return mapping.getOriginalMessage() + (mapping.getPath().isEmpty() ? "" : " (at " + pathOf(mapping.getPath()) + ")");
        }
        if (e instanceof JsonProcessingException parsing) {
            JsonLocation at = parsing.getLocation();
            return parsing.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        return e.getMessage();
    }

    private static String in(List<Reference> path) {
        return path.isEmpty() ? "" : " (in " + pathOf(path) + ")";
    }

    /** "attribution.citedSources[2]": field names joined by dots, list positions in brackets. */
    private static String pathOf(List<Reference> path) {
        StringBuilder out = new StringBuilder();
        for (Reference step : path) {
            if (step.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(step.getFieldName());
            } else {
                out.append('[').append(step.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
