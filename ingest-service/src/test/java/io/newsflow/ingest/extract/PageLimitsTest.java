package io.newsflow.ingest.extract;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Pathological pages end within a bound, cut by a named limit. */
class PageLimitsTest {

    /** Far above what a page within the limits takes, far below a hang. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** The default limits but with time enough for a slow, busy CI machine: these tests are about the other limits. */
    private static final PageLimits PATIENT = new PageLimits(PageLimits.DEFAULT.maxChars(), PageLimits.DEFAULT.maxTags(),
            PageLimits.DEFAULT.maxDepth(), PageLimits.DEFAULT.maxTextNode(), Duration.ofSeconds(20));
    private static final String STORY = "<article><p>The ferry resumed service on Monday after the storm had passed the coast.</p></article>";

    private final ArticleExtractor extractor = new ArticleExtractor(PATIENT);

    @Test
    void a_ten_megabyte_line_is_cut() {
        String page = "<html><body>" + STORY + "<p>" + "word ".repeat(2_000_000) + "</p></body></html>";

        ExtractedArticle article = assertTimeoutPreemptively(BOUND, () -> extractor.extract(page, "https://x.example/a"));

        assertThat(article.warning()).contains("maxChars");
        assertThat(article.text().length()).isLessThanOrEqualTo(PageLimits.DEFAULT.maxChars());
    }

    @Test
    void a_million_tags_are_cut_at_the_tag_limit() {
        String page = "<html><body>" + STORY + "<b>x</b>".repeat(1_000_000) + "</body></html>";

        ExtractedArticle article = assertTimeoutPreemptively(BOUND, () -> extractor.extract(page, "https://x.example/a"));

        assertThat(article.warning()).contains("maxTags");
        assertThat(article.text()).contains("The ferry resumed service");
    }

    @Test
    void nesting_deeper_than_the_depth_limit_is_dropped() {
        String page = "<html><body>" + STORY + "<div>".repeat(100_000) + "deep" + "</div>".repeat(100_000) + "</body></html>";

        ExtractedArticle article = assertTimeoutPreemptively(BOUND, () -> extractor.extract(page, "https://x.example/a"));

        assertThat(article.warning()).contains("maxDepth");
        assertThat(article.text()).contains("The ferry resumed service").doesNotContain("deep");
    }

    @Test
    void an_overlong_text_run_is_cut_to_the_text_node_limit() {
        PageLimits limits = new PageLimits(4_000_000, 200_000, 256, 1_000, Duration.ofSeconds(2));
        String page = "<html><body><article><p>" + "a".repeat(5_000) + "</p></article></body></html>";

        ExtractedArticle article = new ArticleExtractor(limits).extract(page, "https://x.example/a");

        assertThat(article.warning()).contains("maxTextNode");
        assertThat(article.text()).hasSize(1_000);
    }

    @Test
    void when_the_time_is_up_the_text_is_given_up_and_the_metadata_kept() {
        PageLimits noTime = new PageLimits(4_000_000, 200_000, 256, 100_000, Duration.ZERO);
        String page = "<html><head><title>Kept</title></head><body>" + STORY.repeat(3_000) + "</body></html>";

        ExtractedArticle article = assertTimeoutPreemptively(BOUND, () -> new ArticleExtractor(noTime).extract(page, "https://x.example/a"));

        assertThat(article.warning()).contains("maxTime");
        assertThat(article.text()).isEmpty();
        assertThat(article.title()).isEqualTo("Kept");
    }
}
