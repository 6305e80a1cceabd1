package io.newsflow.enrich.keywords;

import io.newsflow.core.article.EnrichedArticle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordExtractorTest {

    private final KeywordExtractor extractor = new KeywordExtractor();

    @Test
    void theMostUsedWordsAreKeywordsTitleWordsWeighMore() {
        assertThat(extractor.extract("Grain corridor reopens",
                "Ships carrying grain left the port. The grain deal was agreed after talks. Ships waited for weeks; ships returned."))
                .startsWith("grain").contains("ships", "corridor", "reopens").doesNotContain("after", "the", "talks");
    }

    @Test
    void functionWordsAndReportingVerbsAreNoKeywords() {
        assertThat(extractor.extract(null, "They said that they would. They said that they would. They said that they would."))
                .isEmpty();
    }

    @Test
    void inflectedRussianAndUkrainianFormsCountTogether() {
        assertThat(extractor.extract(null, "Переговоры по зерну. О переговорах молчали. Переговорами займутся позже."))
                .containsExactly("переговоры");
        assertThat(extractor.extract(null, "Переговори щодо зерна. Про переговорах мовчали. Переговорами займуться пізніше."))
                .containsExactly("переговори");
    }

    @Test
    void atMostFifteenKeywordsAreKept() {
        StringBuilder text = new StringBuilder();
        for (String word : "alpha bravo charlie delta echoes foxtrot golfer hotel india juliett kilo lima mike november oscar papa quebec romeo".split(" ")) {
            text.append(word).append(' ').append(word).append(' ').append(word).append(". ");
        }
        assertThat(extractor.extract(null, text.toString())).hasSize(EnrichedArticle.MAX_KEYWORDS);
    }
}
