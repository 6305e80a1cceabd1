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

    /**
     * @param kind       organisation, government (a government body) or country (a country named for its government)
     * @param wikidataId its Wikidata item, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Organisation(String name, List<String> aliases, String kind, String wikidataId) {

        public Organisation {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
        }

        /** A country named for its government ("Moscow said") is a place, not an organisation, as an entity. */
        public boolean isCountry() {
            return "country".equals(kind);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record OrganisationFile(List<Organisation> organisations) {
    }

    private final NameMatcher names;
    private final List<Organisation> all;

    private Organisations(List<Organisation> organisations) {
        this.all = List.copyOf(organisations);
        Map<String, String> entityByForm = new HashMap<>();
        for (Organisation organisation : organisations) {
            entityByForm.put(organisation.name(), organisation.name());
            organisation.aliases().forEach(alias -> entityByForm.put(alias, organisation.name()));
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

    public List<Organisation> all() {
        return all;
    }

    /** The organisation named in a short phrase ("A high-ranking NATO diplomat"), as a match in that phrase. */
    NameMatcher.Match findIn(String phrase) {
        return names.find(phrase);
    }
}
