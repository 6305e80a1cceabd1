package io.newsflow.ingest.extract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One rule of the main-text finder per test, each on a page that breaks without it. */
class MainTextTest {

    private static final String P1 = "<p>The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed since the spring floods.</p>";
    private static final String P2 = "<p>Work is expected to start in the autumn, and the new bridge should open to traffic, cyclists and walkers within two years.</p>";
    private static final String P3 = "<p>Residents, who have had to take a long detour for months, welcomed the decision at a crowded meeting in the town hall.</p>";

    private final ArticleExtractor extractor = new ArticleExtractor();

    private String text(String body) {
        return extractor.extract("<html><head><meta name=author content=\"Ann Lee\"></head><body>" + body + "</body></html>",
                "https://news.example/a").text();
    }

    @Test
    void a_comment_section_longer_than_the_story_is_not_the_story() {
        String comments = "<div class=\"comments\">" + ("<p>I think this is a terrible waste of money, and the council should have asked us, "
                + "the people who actually use the bridge, before deciding anything at all.</p>").repeat(6) + "</div>";

        assertThat(text("<div class=story>" + P1 + P2 + P3 + "</div>" + comments))
                .contains("rebuild the old harbour bridge").doesNotContain("terrible waste");
    }

    @Test
    void lists_of_links_are_dropped() {
        String related = "<ul><li><a href=/1>Storm closes ferry line for the week</a></li><li><a href=/2>Mayor opens new library</a></li></ul>";

        assertThat(text("<div>" + P1 + related + P2 + "</div>")).doesNotContain("Mayor opens").contains("rebuild", "autumn");
    }

    @Test
    void figures_captions_share_bars_and_cookie_notices_are_dropped() {
        String page = "<div class=cookie-notice><p>We use cookies to give you the best experience on our website, by continuing you agree.</p></div>"
                + "<div class=body>" + P1 + "<figure><img src=a.jpg><figcaption>The bridge in May. Photo: J. Doe</figcaption></figure>"
                + "<div class=share-tools><a href=/s>Share on Social</a> <a href=/m>Email</a></div>" + P2 + "</div>";

        assertThat(text(page)).doesNotContain("cookies", "Photo", "Share on").contains("rebuild", "autumn");
    }

    @Test
    void read_more_teasers_are_dropped() {
        assertThat(text("<div>" + P1 + "<p>Read more: <a href=/x>How the floods hit the harbour</a></p>" + P2 + "</div>"))
                .doesNotContain("How the floods");
    }

    @Test
    void an_article_split_over_several_containers_is_joined() {
        String page = "<div class=layout><div class=grid><div class=part>" + P1 + P2 + "</div><div class=rail></div></div>"
                + "<div class=ad-slot><p>Advert text that runs along the article column here.</p></div>"
                + "<div class=grid><div class=part>" + P3 + P1.replace("Tuesday", "Wednesday") + "</div></div></div>";

        assertThat(text(page)).contains("rebuild", "autumn", "Residents", "Wednesday").doesNotContain("Advert");
    }

    @Test
    void text_in_a_div_with_line_breaks_and_no_paragraphs_is_found() {
        String page = "<div class=menu><a href=/>Home</a> <a href=/news>News</a></div><div class=post>"
                + "The council voted on Tuesday to rebuild the bridge.<br><br>Work starts in the autumn, the mayor said, "
                + "and should take two years.<br><br>Residents welcomed the decision at a meeting.</div>";

        assertThat(text(page)).contains("The council voted", "Residents welcomed").doesNotContain("Home");
    }

    @Test
    void subheadings_stay_and_headings_left_with_nothing_after_them_go() {
        String page = "<article><h1>Bridge to be rebuilt</h1>" + P1 + "<h2>What happens next</h2>" + P2
                + "<h3>More from the city</h3><ul><li><a href=/a>Link one to another story</a></li></ul></article>";

        assertThat(text(page)).contains("What happens next").doesNotContain("Bridge to be rebuilt", "More from the city");
    }

    @Test
    void short_furniture_lines_and_bylines_are_dropped() {
        assertThat(text("<article><p>By Ann Lee</p>" + P1 + "<p>Advertisement</p><p>Iklan</p>" + P2 + "<p>Share this article</p>"
                + "<p>Filed under: Politics | Transport</p></article>"))
                .doesNotContain("Ann Lee", "Advertisement", "Iklan", "Share this", "Filed under").contains("rebuild", "autumn");
    }

    @Test
    void a_furniture_named_container_holding_most_of_the_text_is_the_content() {
        assertThat(text("<div class=\"main-content has-sidebar\">" + P1 + P2 + P3 + "</div>")).contains("rebuild", "autumn", "Residents");
    }

    @Test
    void hidden_elements_are_dropped() {
        assertThat(text("<article>" + P1 + "<div style=\"display: none\"><p>Hidden promo text for a subscription offer today.</p></div>"
                + "<p hidden>Also hidden text</p>" + P2 + "</article>")).doesNotContain("Hidden promo", "Also hidden");
    }

    @Test
    void furniture_class_names_are_split_into_words() {
        assertThat(MainText.looksLikeFurniture(org.jsoup.Jsoup.parse("<div class=\"socialShare\"></div>").selectFirst("div"))).isTrue();
        assertThat(MainText.looksLikeFurniture(org.jsoup.Jsoup.parse("<div id=\"related_links\"></div>").selectFirst("div"))).isTrue();
        assertThat(MainText.looksLikeFurniture(org.jsoup.Jsoup.parse("<div class=\"shared-story readmore\"></div>").selectFirst("div"))).isFalse();
        assertThat(MainText.looksLikeFurniture(org.jsoup.Jsoup.parse("<div class=\"article-body\"></div>").selectFirst("div"))).isFalse();
    }

    @Test
    void a_story_container_with_a_furniture_word_in_its_name_is_kept_when_it_holds_a_story_of_prose() {
        String story = "<div class=\"story has-share-tools\">" + (P1 + P2 + P3).repeat(5) + "</div>";
        String comments = "<div class=comments>" + ("<p>I think this is a terrible waste of money, and the council should have asked us, "
                + "the people who actually use the bridge, before deciding anything at all.</p>").repeat(40) + "</div>";

        assertThat(text(story + comments)).contains("rebuild", "Residents").doesNotContain("terrible waste");
    }

    @Test
    void image_containers_lose_their_captions_but_a_story_named_after_its_image_stays() {
        assertThat(text("<div class=story>" + P1 + "<div class=article-img><span>The bridge at dawn, seen from the quay</span></div>" + P2 + "</div>"))
                .doesNotContain("at dawn").contains("rebuild");
        assertThat(text("<div class=post-with-image>" + P1 + P2 + P3 + "</div>")).contains("rebuild", "Residents");
    }

    @Test
    void newsletter_calls_and_author_contact_lines_are_dropped() {
        assertThat(text("<article>" + P1 + P2 + "<p>Get the latest updates right in your inbox. Subscribe to our newsletters.</p>"
                + "<p>Have a tip? Ann Lee may be reached at alee@news.example. Follow her on social media.</p></article>"))
                .doesNotContain("inbox", "reached at").contains("autumn");
    }

    @Test
    void a_table_cell_holding_the_story_is_the_story_without_the_cell_beside_it() {
        String page = "<table><tr><td class=left>" + "<a href=/a>Menu entry</a><br>".repeat(10)
                + "Weather today: sunny spells, a light breeze from the west and highs around twenty degrees.</td>"
                + "<td>The city council voted on Tuesday to rebuild the old harbour bridge, which has been closed since the spring floods."
                + "<br><br>Work is expected to start in the autumn, and the new bridge should open to traffic, cyclists and walkers within two years.</td></tr></table>";

        assertThat(text(page)).contains("rebuild", "autumn").doesNotContain("Weather today");
    }

    @Test
    void link_lists_do_not_make_a_short_story_a_small_share_of_the_page() {
        String links = "<div class=\"widget LinkList\"><ul>" + "<li><a href=/x>Archive link with a long name</a></li>".repeat(150) + "</ul></div>";
        String post = "<div class=\"widget Blog\"><div class=post-body>" + P1 + P2 + "</div></div>";

        assertThat(text(links + post)).contains("rebuild", "autumn").doesNotContain("Archive link");
    }

    @Test
    void agency_credits_copyright_reading_time_and_follow_calls_are_dropped() {
        assertThat(text("<article><p>Reading time: 3 minutes</p>" + P1 + P2
                + "<p>(Reporting by Ann Lee; additional reporting by Bo Chan; editing by Cy Dee)</p>"
                + "<p>Ed Gee contributed reporting from the coast.</p><p>© 2024 News Example</p>"
                + "<p>Follow the opinion section on Facebook and Instagram.</p></article>"))
                .doesNotContain("Reading time", "Reporting by", "contributed reporting", "©", "Facebook").contains("rebuild", "autumn");
    }

    @Test
    void a_sentence_that_links_its_subject_and_object_is_prose_not_a_link_list() {
        String linked = "<p><a href=/p/ann>Ann Lee of the harbour board</a> has been elected to <a href=/c>the regional transport council</a>.</p>";

        assertThat(text("<article>" + P1 + linked + P2 + "</article>")).contains("has been elected to the regional transport council");
    }

    @Test
    void hover_cards_inside_a_sentence_are_dropped_and_the_sentence_kept() {
        String card = "<p>The plan was backed by <span class=person><a href=/p/bo>Bo Chan</a><span class=\"person-rollover\">"
                + "<a href=/s/1>Bo Chan opens the new library</a><a href=/s/2>Bo Chan on the budget</a></span></span>, the deputy mayor.</p>";

        assertThat(text("<article>" + P1 + card + P2 + "</article>"))
                .contains("The plan was backed by Bo Chan, the deputy mayor.").doesNotContain("opens the new library");
    }
}
