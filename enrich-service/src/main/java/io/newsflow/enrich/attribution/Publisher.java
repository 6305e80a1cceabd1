package io.newsflow.enrich.attribution;

import java.util.List;
import java.util.Locale;

/**
 * One entry of the publisher registry.
 *
 * @param id       stable registry id ("bloomberg")
 * @param name     display name ("Bloomberg")
 * @param aliases  other names the outlet goes by in running text ("Bloomberg News", "Блумберг")
 * @param domains  registered domains, or hosts where one domain holds several publishers ("abcnews.go.com")
 * @param country  ISO 3166-1 alpha-2 code, or null
 * @param language main language (BCP 47), or null
 * @param kind     wire, national, regional, broadcaster, magazine, aggregator, or null
 * @param wikidataId its Wikidata item ("Q130879"), or null
 */
public record Publisher(String id, String name, List<String> aliases, List<String> domains,
                        String country, String language, String kind, String wikidataId) {

    public Publisher {
        if (id == null || id.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a publisher needs an id and a name (got id=" + id + ", name=" + name + ")");
        }
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        domains = domains == null ? List.of() : domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList();
    }
}
