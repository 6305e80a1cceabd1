package io.newsflow.enrich.attribution;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The publishers enrich-service knows: the bundled {@code publishers.json}, optionally merged with an operator's
 * file of the same format (an entry with a known id replaces the bundled one, new ids are added), so that
 * operators extend the registry without a rebuild.
 */
public final class PublisherRegistry {

    private static final String BUNDLED = "/publishers.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record RegistryFile(List<Publisher> publishers) {
    }

    private final Map<String, Publisher> byId;
    private final Map<String, Publisher> byDomain = new HashMap<>();
    private final Map<String, Publisher> byName = new HashMap<>();
    private final NameMatcher names;

    private PublisherRegistry(Map<String, Publisher> byId) {
        this.byId = Map.copyOf(byId);
        Map<String, String> entityByForm = new HashMap<>();
        for (Publisher publisher : byId.values()) {
            publisher.domains().forEach(domain -> byDomain.put(domain, publisher));
            for (String form : allNames(publisher)) {
                byName.put(normaliseName(form), publisher);
                entityByForm.put(form, publisher.name());
                if (form.startsWith("The ")) {
                    entityByForm.put(form.substring(4), publisher.name());
                }
            }
        }
        this.names = new NameMatcher(entityByForm);
    }

    /** The bundled registry only. */
    public static PublisherRegistry bundled() {
        return new PublisherRegistry(index(readBundled()));
    }

    /**
     * The bundled registry merged with {@code extraFile}.
     *
     * @throws IllegalArgumentException if the file cannot be read or is not a registry, saying which file and why
     */
    public static PublisherRegistry withExtraFile(Path extraFile) {
        Map<String, Publisher> merged = index(readBundled());
        try (InputStream in = Files.newInputStream(extraFile)) {
            merged.putAll(index(read(in)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the publisher registry " + extraFile + ": " + e.getMessage()
                    + ". It must be JSON of the form {\"publishers\": [{\"id\": ..., \"name\": ..., \"domains\": [...]}]}", e);
        }
        return new PublisherRegistry(merged);
    }

    public Optional<Publisher> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Collection<Publisher> all() {
        return byId.values();
    }

    /**
     * The publisher of a host: the host itself, then each parent domain ("edition.cnn.com", then "cnn.com"),
     * so that an entry for a host ("abcnews.go.com") wins over its registered domain.
     */
    public Optional<Publisher> byHost(String host) {
        String candidate = host.toLowerCase(Locale.ROOT);
        while (candidate.contains(".")) {
            Publisher publisher = byDomain.get(candidate);
            if (publisher != null) {
                return Optional.of(publisher);
            }
            candidate = candidate.substring(candidate.indexOf('.') + 1);
        }
        return Optional.empty();
    }

    /** The publisher going by {@code name} or one of its aliases, ignoring case and a leading "The". */
    public Optional<Publisher> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(normaliseName(name)));
    }

    /** The outlet named in a short phrase of running text ("the Bloomberg report"), as a match in that phrase. */
    NameMatcher.Match findOutletIn(String phrase) {
        return names.find(phrase);
    }

    private static List<String> allNames(Publisher publisher) {
        List<String> forms = new ArrayList<>();
        forms.add(publisher.name());
        forms.addAll(publisher.aliases());
        return forms;
    }

    private static String normaliseName(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return lower.startsWith("the ") ? lower.substring(4) : lower;
    }

    private static List<Publisher> readBundled() {
        try (InputStream in = PublisherRegistry.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the enrich-service jar: rebuild the module");
            }
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + BUNDLED + ": " + e.getMessage(), e);
        }
    }

    private static List<Publisher> read(InputStream in) throws IOException {
        RegistryFile file = Json.mapper().readValue(in, RegistryFile.class);
        if (file.publishers() == null) {
            throw new IOException("no \"publishers\" array");
        }
        return file.publishers();
    }

    private static Map<String, Publisher> index(List<Publisher> publishers) {
        Map<String, Publisher> byId = new LinkedHashMap<>();
        publishers.forEach(p -> byId.put(p.id(), p));
        return byId;
    }
}
