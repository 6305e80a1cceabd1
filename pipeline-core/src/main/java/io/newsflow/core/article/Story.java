package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.util.List;

/**
 * The story (cluster of near-duplicate articles across feeds and publishers) an article belongs to.
 *
 * @param storyId         the article id of the story's origin, the first copy seen
 * @param origin          true if this article is that origin
 * @param otherPublishers names of the other publishers seen with the same story so far, in the order seen
 */
public record Story(String storyId, @JsonSetter(nulls = Nulls.FAIL) boolean origin, List<String> otherPublishers) {

    /** @throws NullPointerException if storyId is null */
    public Story {
        Fields.required(storyId, "storyId");
        otherPublishers = Fields.list(otherPublishers, "otherPublishers");
    }
}
