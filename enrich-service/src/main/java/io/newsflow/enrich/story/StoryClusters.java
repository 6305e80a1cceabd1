package io.newsflow.enrich.story;

import com.fasterxml.jackson.core.type.TypeReference;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.article.Story;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups near-duplicate articles across feeds and publishers into stories. Each article's title and text get a
 * {@link MinHash} signature over word shingles; two articles whose estimated shingle overlap (Jaccard similarity)
 * is at least {@value #MIN_SIMILARITY}, published within {@link #WINDOW} of each other, are the same story.
 * Candidates are found by LSH: the signature is cut into {@value #BANDS} bands of {@value #ROWS} values, and each band
 * indexes the articles that share it; two texts of similarity 0.5 share a band with probability 0.65, of 0.7 with
 * 0.99, of 0.2 with 0.03.
 *
 * <p>The first copy seen is the story's origin and its id is the story id; later copies join the most similar
 * candidate's story (a copy at least {@value #INDEX_BELOW} similar to it is not indexed itself), and the record lists
 * the publishers seen with the story so far, other than its own. An article
 * seen again (a replay, a new revision) keeps its story. Articles with fewer than {@value #MIN_SHINGLES} shingles
 * are too short to compare: each is a story of its own. State lives in a {@link StoryStore}, so that the stream and
 * the offline command run this same code; {@link #purge} drops what is older than the window.
 */
public final class StoryClusters {

    static final double MIN_SIMILARITY = 0.5;
    static final int BANDS = 16;
    static final int ROWS = MinHash.SIZE / BANDS;
    static final int MIN_SHINGLES = 10;
    static final Duration WINDOW = Duration.ofDays(3);
    /**
     * A copy this close to an indexed one adds nothing to find later copies by, so it is not indexed itself: a wire
     * story republished hundreds of times keeps its band lists short.
     */
    static final double INDEX_BELOW = 0.9;

    private static final String BAND = "band:";
    private static final String ARTICLE = "article:";
    private static final String STORY = "story:";
    private static final String SIGNATURE = "signature:";

    /** An article indexed under its bands: its story and publication time (its signature is kept once, by id). */
    record Member(String articleId, String storyId, long at) {
    }

    /** A story's publishers (names, in the order seen) and when it was last seen. */
    record StoryState(List<String> publishers, long lastSeen) {
    }

    /** The most similar indexed article and how similar it is. */
    private record Nearest(Member member, double similarity) {
    }

    /** The story an article was put in, and when it was published. */
    record ArticleEntry(String storyId, long at) {
    }

    private static final TypeReference<List<Member>> MEMBERS = new TypeReference<>() {
    };

    /** {@code article} with its story, the store updated. */
    public EnrichedArticle assign(EnrichedArticle article, StoryStore store) {
        RawArticle raw = article.article();
        long at = publishedAt(raw).toEpochMilli();
        String publisher = publisherName(article.attribution().publisher());
        ArticleEntry seen = read(store, ARTICLE + raw.id(), ArticleEntry.class);
        String storyId;
        if (seen != null) {
            storyId = seen.storyId();
        } else {
            storyId = raw.id();
            Set<String> shingles = MinHash.shingles((raw.title() == null ? "" : raw.title()) + "\n" + (raw.text() == null ? "" : raw.text()));
            if (shingles.size() >= MIN_SHINGLES) {
                long[] signature = MinHash.signature(shingles);
                Nearest nearest = nearest(store, signature, at);
                storyId = nearest == null ? raw.id() : nearest.member().storyId();
                if (nearest == null || nearest.similarity() < INDEX_BELOW) {
                    store.put(SIGNATURE + raw.id(), Json.toString(signature));
                    index(store, new Member(raw.id(), storyId, at), signature);
                }
            }
            store.put(ARTICLE + raw.id(), Json.toString(new ArticleEntry(storyId, at)));
        }
        StoryState state = read(store, STORY + storyId, StoryState.class);
        List<String> publishers = new ArrayList<>(state == null ? List.of() : state.publishers());
        if (publisher != null && !publishers.contains(publisher)) {
            publishers.add(publisher);
        }
        store.put(STORY + storyId, Json.toString(new StoryState(publishers, Math.max(at, state == null ? at : state.lastSeen()))));
        List<String> others = publishers.stream().filter(p -> !p.equals(publisher)).toList();
        return new EnrichedArticle(article.schemaVersion(), raw, article.attribution(), article.topics(), article.enrichedAt(),
                article.language(), article.keywords(), article.entities(), article.places(), article.syndication(),
                new Story(storyId, storyId.equals(raw.id()), others));
    }

    /** Removes the state of articles and stories last seen more than {@link #WINDOW} before {@code now}. */
    public void purge(StoryStore store, Instant now) {
        long oldest = now.minus(WINDOW).toEpochMilli();
        List<String> stale = new ArrayList<>();
        List<String[]> shrunk = new ArrayList<>();
        store.forEach((key, value) -> {
            if (key.startsWith(ARTICLE) && Json.fromString(value, ArticleEntry.class).at() < oldest) {
                stale.add(key);
                stale.add(SIGNATURE + key.substring(ARTICLE.length()));
            } else if (key.startsWith(STORY) && Json.fromString(value, StoryState.class).lastSeen() < oldest) {
                stale.add(key);
            } else if (key.startsWith(BAND)) {
                List<Member> members = readMembers(value);
                List<Member> kept = members.stream().filter(m -> m.at() >= oldest).toList();
                if (kept.isEmpty()) {
                    stale.add(key);
                } else if (kept.size() < members.size()) {
                    shrunk.add(new String[]{key, Json.toString(kept)});
                }
            }
        });
        stale.forEach(store::delete);
        shrunk.forEach(entry -> store.put(entry[0], entry[1]));
    }

    private static Nearest nearest(StoryStore store, long[] signature, long at) {
        Member best = null;
        double bestSimilarity = MIN_SIMILARITY;
        Set<String> compared = new HashSet<>();
        for (int band = 0; band < BANDS; band++) {
            String value = store.get(bandKey(band, signature));
            if (value == null) {
                continue;
            }
            for (Member member : readMembers(value)) {
                String other = store.get(SIGNATURE + member.articleId());
                if (other == null || !compared.add(member.articleId())) {
                    continue;
                }
                double similarity = MinHash.similarity(signature, Json.fromString(other, long[].class));
                if (similarity >= bestSimilarity && (best == null || similarity > bestSimilarity)
                        && Math.abs(member.at() - at) <= WINDOW.toMillis()) {
                    best = member;
                    bestSimilarity = similarity;
                }
            }
        }
        return best == null ? null : new Nearest(best, bestSimilarity);
    }

    private static void index(StoryStore store, Member member, long[] signature) {
        for (int band = 0; band < BANDS; band++) {
            String key = bandKey(band, signature);
            String value = store.get(key);
            List<Member> members = new ArrayList<>(value == null ? List.of() : readMembers(value));
            members.add(member);
            store.put(key, Json.toString(members));
        }
    }

    /** The band's values hashed together: equal keys mean (but for a 2^-64 chance) equal bands. */
    private static String bandKey(int band, long[] signature) {
        long h = band;
        for (int row = band * ROWS; row < (band + 1) * ROWS; row++) {
            h = h * 0x100000001b3L ^ signature[row];
        }
        return BAND + band + ":" + Long.toHexString(h);
    }

    private static List<Member> readMembers(String value) {
        try {
            return Json.mapper().readValue(value, MEMBERS);
        } catch (IOException e) {
            throw new IllegalStateException("the story store holds a band that is not a JSON list of members: " + e.getMessage(), e);
        }
    }

    private static <T> T read(StoryStore store, String key, Class<T> type) {
        String value = store.get(key);
        return value == null ? null : Json.fromString(value, type);
    }

    private static Instant publishedAt(RawArticle raw) {
        return raw.publishedAt() != null ? raw.publishedAt().toInstant() : raw.fetchedAt();
    }

    private static String publisherName(PublisherInfo publisher) {
        return publisher == null ? null : publisher.name();
    }
}
