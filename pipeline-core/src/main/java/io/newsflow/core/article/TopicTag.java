package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A topic an article is about, from the IPTC Media Topics vocabulary.
 *
 * @param code    the concept's code ("medtop:11000000")
 * @param label   its English label ("politics and government")
 * @param score   how strongly the text supports it, 0 to 1
 * @param matched the words of the article that matched the topic's rules, as they occur there ("negotiations", not the
 *                rule "negotiat*"): lowercased, each once, strongest evidence first (title, then the most frequent),
 *                at most 10
 * @param level     its depth in the vocabulary, 1 for the 17 top-level topics; null in records written before levels
 * @param ancestors the codes of the topics above it, top level first (empty for a top-level topic): an article
 *                  tagged with a topic is about its ancestors too, so they are listed here and not as tags of their own
 */
public record TopicTag(String code, String label,
                       // Jackson would read an absent number as 0; FAIL makes it an error, as the schema requires.
                       @JsonSetter(nulls = Nulls.FAIL) double score,
                       List<String> matched, Integer level, List<String> ancestors) {

    private static final Pattern CODE = Pattern.compile("medtop:[0-9]{8}");

    /**
     * @throws NullPointerException     if code or label is null
     * @throws IllegalArgumentException if code or an ancestor is not a Media Topic code ("medtop:" and 8 digits), score
     *                                  is not 0 to 1, or a level is given that is not one more than the ancestors
     */
    public TopicTag {
        Fields.required(code, "code");
        checkCode(code);
        Fields.required(label, "label");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score " + score + " of topic " + code + " is outside 0..1");
        }
        matched = Fields.list(matched, "matched");
        ancestors = Fields.list(ancestors, "ancestors");
        ancestors.forEach(TopicTag::checkCode);
        if (level != null && level != ancestors.size() + 1) {
            throw new IllegalArgumentException("level " + level + " of topic " + code + " does not match its "
                    + ancestors.size() + " ancestors " + ancestors + ": the level is one more than the number of ancestors");
        }
    }

    /** A tag without its place in the vocabulary, as records written before levels carry it. */
    public TopicTag(String code, String label, double score, List<String> matched) {
        this(code, label, score, matched, null, null);
    }

    private static void checkCode(String code) {
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code '" + code + "' is not an IPTC Media Topic code like medtop:11000000");
        }
    }
}
