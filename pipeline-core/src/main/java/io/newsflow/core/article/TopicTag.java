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
 */
public record TopicTag(String code, String label,
                       // Jackson would read an absent number as 0; FAIL makes it an error, as the schema requires.
                       @JsonSetter(nulls = Nulls.FAIL) double score,
                       List<String> matched) {

    private static final Pattern CODE = Pattern.compile("medtop:[0-9]{8}");

    /**
     * @throws NullPointerException     if code or label is null
     * @throws IllegalArgumentException if code is not a Media Topic code ("medtop:" and 8 digits) or score is not 0 to 1
     */
    public TopicTag {
        Fields.required(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code '" + code + "' is not an IPTC Media Topic code like medtop:11000000");
        }
        Fields.required(label, "label");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score " + score + " of topic " + code + " is outside 0..1");
        }
        matched = Fields.list(matched, "matched");
    }
}
