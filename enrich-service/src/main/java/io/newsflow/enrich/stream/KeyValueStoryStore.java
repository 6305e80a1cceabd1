package io.newsflow.enrich.stream;

import io.newsflow.enrich.story.StoryStore;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.function.BiConsumer;

/** The story state in a Kafka Streams key-value store: written in the task's transaction, restored from its changelog. */
final class KeyValueStoryStore implements StoryStore {

    private final KeyValueStore<String, String> store;

    KeyValueStoryStore(KeyValueStore<String, String> store) {
        this.store = store;
    }

    @Override
    public String get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, String value) {
        store.put(key, value);
    }

    @Override
    public void delete(String key) {
        store.delete(key);
    }

    @Override
    public void forEach(BiConsumer<String, String> entry) {
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, String> next = all.next();
                entry.accept(next.key, next.value);
            }
        }
    }
}
