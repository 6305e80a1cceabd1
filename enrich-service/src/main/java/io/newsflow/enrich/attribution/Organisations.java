package io.newsflow.enrich.attribution;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Organisations and governments that cited sources link to (the bundled {@code organisations.json}):
 * "a NATO diplomat" links to NATO, "Moscow said" to Russia.
 */
public final class Organisations {

    private static final String BUNDLED = "/organisations.json";

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Organisation(String name, List<String> aliases) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record OrganisationFile(List<Organisation> organisations) {
    }

    private final NameMatcher names;

    private Organisations(List<Organisation> organisations) {
        Map<String, String> entityByForm = new HashMap<>();
        for (Organisation organisation : organisations) {
            entityByForm.put(organisation.name(), organisation.name());
            if (organisation.aliases() != null) {
                organisation.aliases().forEach(alias -> entityByForm.put(alias, organisation.name()));
            }
        }
        this.names = new NameMatcher(entityByForm);
    }

    public static Organisations bundled() {
        try (InputStream in = Organisations.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the enrich-service jar: rebuild the module");
            }
            return new Organisations(Json.mapper().readValue(in, OrganisationFile.class).organisations());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + BUNDLED + ": " + e.getMessage(), e);
        }
    }

    /** The organisation named in a short phrase ("A high-ranking NATO diplomat"), as a match in that phrase. */
    NameMatcher.Match findIn(String phrase) {
        return names.find(phrase);
    }
}
