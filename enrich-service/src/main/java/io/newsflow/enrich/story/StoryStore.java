package io.newsflow.enrich.story;

import java.util.function.BiConsumer;

/** Where story clusters keep their state: a Kafka Streams store in the stream, a map offline. */
public interface StoryStore {

    /** The value of {@code key}, or null. */
    String get(String key);

    void put(String key, String value);

    void delete(String key);

    /** Hands every entry to {@code entry}; the store must not be changed meanwhile. */
    void forEach(BiConsumer<String, String> entry);
}
