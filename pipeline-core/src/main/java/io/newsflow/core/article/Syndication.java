package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * Whether an article re-reports another outlet's story or carries a republication disclaimer.
 *
 * @param originalSource           the outlet whose story the article re-reports ("Bloomberg"), or null
 * @param originalSourceWikidataId that outlet's Wikidata id, or null
 * @param disclaimer               the republication disclaimer sentence as found in the text, or null
 * @param republished              true exactly when originalSource is known
 */
public record Syndication(String originalSource, String originalSourceWikidataId, String disclaimer,
                          @JsonSetter(nulls = Nulls.FAIL) boolean republished) {

    /** An article that re-reports no one and carries no disclaimer. */
    public static final Syndication NONE = of(null, null, null);

    /**
     * @throws IllegalArgumentException if republished disagrees with originalSource, or a Wikidata id is given without
     *                                  the source or is not a Wikidata item id
     */
    public Syndication {
        if (republished != (originalSource != null)) {
            throw new IllegalArgumentException("republished is " + republished + " but originalSource is "
                    + (originalSource == null ? "absent" : "'" + originalSource + "'") + ": republished means an original source is known");
        }
        if (originalSourceWikidataId != null && originalSource == null) {
            throw new IllegalArgumentException("originalSourceWikidataId " + originalSourceWikidataId + " without an originalSource");
        }
        EnrichedFields.wikidataId(originalSourceWikidataId);
    }

    /** The syndication of an article re-reporting {@code originalSource} (null if none) with this disclaimer (null if none). */
    public static Syndication of(String originalSource, String originalSourceWikidataId, String disclaimer) {
        return new Syndication(originalSource, originalSourceWikidataId, disclaimer, originalSource != null);
    }
}
