package io.newsflow.enrich.story;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** Story state in memory, for one offline run. */
public final class MapStoryStore implements StoryStore {

    private final Map<String, String> entries = new HashMap<>();

    @Override
    public String get(String key) {
        return entries.get(key);
    }

    @Override
    public void put(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public void delete(String key) {
        entries.remove(key);
    }

    @Override
    public void forEach(BiConsumer<String, String> entry) {
        entries.forEach(entry);
    }
}
