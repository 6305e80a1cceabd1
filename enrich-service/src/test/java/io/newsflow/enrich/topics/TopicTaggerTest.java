package io.newsflow.enrich.topics;

import io.newsflow.core.article.TopicTag;
import io.newsflow.enrich.SeedArticle;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TopicTaggerTest {

    private final TopicTagger tagger = new TopicTagger(Taxonomy.bundled());

    @Test
    void theSeedArticleIsAboutArmedConflictPeaceDiplomacyAndDefence() {
        List<TopicTag> tags = tagger.tag(SeedArticle.title(), SeedArticle.text());
        assertThat(tags).extracting(TopicTag::label)
                .contains("peace process", "international military intervention", "military equipment", "diplomacy")
                .doesNotContain("sport", "weather", "health", "conflict, war and peace");
        assertThat(tags).hasSizeLessThanOrEqualTo(TopicTagger.MAX_TAGS);
        assertThat(tags).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
        TopicTag peace = tags.stream().filter(t -> t.label().equals("peace process")).findFirst().orElseThrow();
        assertThat(peace.matched()).contains("ceasefire", "negotiations");
        assertThat(peace.code()).isEqualTo("medtop:20000073");
    }

    @Test
    void aSportsSentenceIsAboutSport() {
        assertThat(tagger.tag("", "Real Madrid beat Barcelona in La Liga on Sunday as their striker scored twice in the match."))
                .extracting(TopicTag::label).containsExactly("sport");
    }

    @Test
    void aTextWithoutTopicTermsHasNoTopics() {
        assertThat(tagger.tag("A quiet afternoon", "The cat slept on the windowsill while the kettle boiled.")).isEmpty();
        assertThat(tagger.tag(null, null)).isEmpty();
    }

    @Test
    void oneTermAloneNeverTagsATopicHoweverOftenItIsRepeated() {
        assertThat(tagger.tag("", "Inflation. Inflation. Inflation. Inflation. Inflation.")).isEmpty();
    }

    @Test
    void titleMatchesWeighMoreThanTextMatches() {
        // Two terms once in the text: evidence 2, below the threshold. The same terms in the title: 3 + 3.
        assertThat(tagger.tag("", "They talked about inflation and consumer prices.")).isEmpty();
        List<TopicTag> tags = tagger.tag("Inflation and consumer prices", "They talked.");
        // The narrowest topic is the tag; its broader topics, equally supported, are its ancestors.
        assertThat(tags).extracting(TopicTag::label).containsExactly("inflation");
        assertThat(tags.getFirst().score()).isCloseTo(1 - Math.exp(-6 / 4.0), within(0.001));
    }

    @Test
    void everyTagIsADeepestTopicThatNamesItsLevelAndItsBroaderTopicsTopLevelFirst() {
        List<TopicTag> tags = tagger.tag("Missile strikes and artillery shelling", "Air defense systems intercepted missiles.");
        TopicTag weaponry = tagged(tags, "military weaponry");
        assertThat(weaponry.ancestors()).containsExactly("medtop:11000000", "medtop:20000593", "medtop:20000598", "medtop:20000601");
        assertThat(weaponry.level()).isEqualTo(5);
        assertThat(tags).extracting(TopicTag::code).doesNotContainAnyElementsOf(weaponry.ancestors());
    }

    @Test
    void matchedListsTheWordsOfTheArticleNotTheRules() {
        List<TopicTag> tags = tagger.tag("", "Diplomats met for negotiations. The diplomats said the negotiations and talks would continue.");
        // The rules are diplomat*, negotiat* and talks.
        assertThat(tagged(tags, "diplomacy").matched()).containsExactly("diplomats", "negotiations", "talks");

        List<TopicTag> seed = tagger.tag(SeedArticle.title(), SeedArticle.text());
        String article = (SeedArticle.title() + "\n" + SeedArticle.text()).toLowerCase(Locale.ROOT)
                .replaceAll("[\\s\\p{Z}]+", " ");
        assertThat(seed).flatExtracting(TopicTag::matched).isNotEmpty()
                .noneMatch(form -> form.contains("*"))
                .allSatisfy(form -> assertThat(article).contains(form));
    }

    @Test
    void matchedListsTitleTermsFirstThenTheMostFrequentThenInReadingOrder() {
        List<TopicTag> tags = tagger.tag("Talks go on",
                "The ceasefire held. Negotiations continued; negotiators praised the ceasefire and the negotiations.");
        // talks is in the title; negotiat* occurs three times in the text, ceasefire twice though it comes first.
        assertThat(tagged(tags, "peace process").matched()).containsExactly("talks", "negotiations", "ceasefire");
    }

    @Test
    void aFormTwoRulesShareIsListedOnceAndAPhraseKeepsWhatSeparatesItsWords() {
        List<TopicTag> tags = tagger.tag("", "UN peacekeepers arrived as the cease-fire began. "
                + "The peacekeepers patrol the front\nline; peace\u00a0talks resume.");
        // peacekeep* and peacekeepers both match "peacekeepers" and both count for the score.
        assertThat(tagged(tags, "international military intervention").matched()).containsExactly("peacekeepers");
        // Line breaks and no-break spaces become one space; the hyphen stays.
        assertThat(tagged(tags, "peace process").matched()).containsExactly("cease-fire", "peace talks", "talks");
    }

    @Test
    void matchedIsCappedSoThatALongArticleKeepsASmallRecord() {
        // Twelve distinct terms of "peace process"; the title's two lead.
        List<TopicTag> tags = tagger.tag("Truce and security guarantees", "The peace talks on a peace plan and a peace deal "
                + "continued: a ceasefire, an armistice, negotiations, a buffer zone, concessions, a settlement and mediation.");
        List<String> peace = tagged(tags, "peace process").matched();
        assertThat(peace).hasSize(TopicTagger.MAX_MATCHED);
        assertThat(peace.subList(0, 2)).containsExactlyInAnyOrder("truce", "security guarantees");
        assertThat(tags).allSatisfy(tag -> assertThat(tag.matched())
                .hasSizeLessThanOrEqualTo(TopicTagger.MAX_MATCHED).doesNotHaveDuplicates());
    }

    @Test
    void malformedTermsAreRejectedWhenTheTaxonomyIsLoaded() {
        Taxonomy bad = new Taxonomy(List.of(new Topic("medtop:15000000", "sport", null, List.of("fo*"))));
        assertThatThrownBy(() -> new TopicTagger(bad)).hasMessageContaining("medtop:15000000").hasMessageContaining("fo*");
    }

    private static TopicTag tagged(List<TopicTag> tags, String label) {
        return tags.stream().filter(tag -> tag.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError(label + " is not among " + tags));
    }
}
