package io.newsflow.core.article;

import java.util.List;

/**
 * A topic an article is about, from the IPTC Media Topics vocabulary.
 *
 * @param code    the concept's code ("medtop:11000000")
 * @param label   its English label ("politics and government")
 * @param score   how strongly the text supports it, 0 to 1
 * @param matched the terms in the text that matched the topic's rule
 */
public record TopicTag(String code, String label, double score, List<String> matched) {

    public TopicTag {
        matched = matched == null ? List.of() : List.copyOf(matched);
    }
}
