package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * A person, organisation, outlet or place the article mentions.
 *
 * @param name       canonical name ("Vladimir Putin", "NATO")
 * @param kind       what it is
 * @param wikidataId its Wikidata id ("Q7184") when known, or null
 * @param mentions   how often the article mentions it, 1 or more
 * @param salient    true if it is in the title or the lead, or mentioned repeatedly
 */
public record Entity(String name, Kind kind, String wikidataId,
                     // Jackson would read an absent number as 0; FAIL makes it an error, as the schema requires.
                     @JsonSetter(nulls = Nulls.FAIL) int mentions,
                     @JsonSetter(nulls = Nulls.FAIL) boolean salient) {

    /**
     * @throws NullPointerException     if name or kind is null
     * @throws IllegalArgumentException if mentions is below 1 or wikidataId is not a Wikidata item id
     */
    public Entity {
        Fields.required(name, "name");
        Fields.required(kind, "kind");
        EnrichedFields.wikidataId(wikidataId);
        EnrichedFields.mentions(mentions, name);
    }

    public enum Kind {
        PERSON,
        ORGANISATION,
        /** A news outlet or agency. */
        OUTLET,
        PLACE
    }
}
