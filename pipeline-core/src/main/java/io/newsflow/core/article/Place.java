package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.util.regex.Pattern;

/**
 * A place the article mentions, resolved against the gazetteer.
 *
 * @param name        canonical English name ("Kyiv")
 * @param matched     the name as written in the text ("Киеве"), its first occurrence
 * @param kind        country, region or city
 * @param countryCode ISO 3166-1 alpha-2 code of the country it is in (the country itself for a country)
 * @param location    its coordinates
 * @param geonameId   its GeoNames id, or null (curated regions may have none)
 * @param wikidataId  its Wikidata id, or null
 * @param mentions    how often the article mentions it, 1 or more
 * @param salient     true if it is in the title or the lead, or mentioned repeatedly
 */
public record Place(String name, String matched, Kind kind, String countryCode, GeoPoint location, Long geonameId,
                    String wikidataId,
                    // Jackson would read an absent number as 0; FAIL makes it an error, as the schema requires.
                    @JsonSetter(nulls = Nulls.FAIL) int mentions,
                    @JsonSetter(nulls = Nulls.FAIL) boolean salient) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    /**
     * @throws NullPointerException     if name, matched, kind, countryCode or location is null
     * @throws IllegalArgumentException if countryCode is not two capital letters, mentions is below 1, or wikidataId
     *                                  is not a Wikidata item id
     */
    public Place {
        Fields.required(name, "name");
        Fields.required(matched, "matched");
        Fields.required(kind, "kind");
        Fields.required(countryCode, "countryCode");
        if (!COUNTRY.matcher(countryCode).matches()) {
            throw new IllegalArgumentException("country code '" + countryCode + "' of place " + name
                    + " is not an ISO 3166-1 alpha-2 code like 'UA'");
        }
        Fields.required(location, "location");
        EnrichedFields.wikidataId(wikidataId);
        EnrichedFields.mentions(mentions, name);
    }

    public enum Kind {
        COUNTRY,
        /** A region below a country: a province, an oblast, a historical or disputed area the news names. */
        REGION,
        CITY
    }
}
