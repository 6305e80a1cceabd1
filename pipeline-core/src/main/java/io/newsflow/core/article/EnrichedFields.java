package io.newsflow.core.article;

import java.util.regex.Pattern;

/** The checks the enriched additions (entities, places, syndication) share, so that each refusal reads the same. */
final class EnrichedFields {

    private static final Pattern WIKIDATA_ITEM = Pattern.compile("Q[1-9][0-9]*");

    private EnrichedFields() {
    }

    /** @throws IllegalArgumentException if {@code id} is neither null nor a Wikidata item id like "Q7184" */
    static void wikidataId(String id) {
        if (id != null && !WIKIDATA_ITEM.matcher(id).matches()) {
            throw new IllegalArgumentException("wikidataId '" + id + "' is not a Wikidata item id like 'Q7184'");
        }
    }

    /** @throws IllegalArgumentException if {@code mentions} of {@code name} is below 1 */
    static void mentions(int mentions, String name) {
        if (mentions < 1) {
            throw new IllegalArgumentException("mentions " + mentions + " of '" + name + "' is below 1: only what the text mentions is listed");
        }
    }
}
