package io.newsflow.ingest.extract;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Each metadata source on a small page of its own, and the order between sources. */
class PageMetadataTest {

    private final ArticleExtractor extractor = new ArticleExtractor();

    private static final String BODY = "<body><article><p>The council met on Tuesday to discuss the new bridge over the river.</p></article></body>";

    private ExtractedArticle extract(String head) {
        return extractor.extract("<html><head>" + head + "</head>" + BODY + "</html>", "https://news.example/world/2024/bridge");
    }

    private ExtractedArticle extractPage(String page) {
        return extractor.extract(page, "https://news.example/world/2024/bridge");
    }

    @Test
    void json_ld_gives_every_field_it_has() {
        ExtractedArticle article = extract("""
                <script type="application/ld+json">
                {"@context": "https://schema.org", "@type": "NewsArticle",
                 "headline": "Bridge approved", "datePublished": "2024-05-14T08:00:00+02:00",
                 "dateModified": "2024-05-14T09:15:00+02:00", "url": "https://news.example/bridge",
                 "image": {"@type": "ImageObject", "url": "/img/bridge.jpg"},
                 "author": [{"@type": "Person", "name": "By Ann Lee"}, {"@type": "Person", "name": "Bo Chan"}],
                 "publisher": {"@type": "Organization", "name": "News Example"},
                 "articleSection": ["Local", "Politics"], "keywords": "bridge, council ,river",
                 "inLanguage": "en-gb", "isAccessibleForFree": "False"}
                </script>""");

        assertThat(article.title()).isEqualTo("Bridge approved");
        assertThat(article.authors()).containsExactly("Ann Lee", "Bo Chan");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T08:00:00+02:00"));
        assertThat(article.publishedAt().getOffset().getId()).isEqualTo("+02:00");
        assertThat(article.modifiedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T09:15:00+02:00"));
        assertThat(article.canonicalUrl()).isEqualTo("https://news.example/bridge");
        assertThat(article.imageUrl()).isEqualTo("https://news.example/img/bridge.jpg");
        assertThat(article.siteName()).isEqualTo("News Example");
        assertThat(article.section()).isEqualTo("Local");
        assertThat(article.keywords()).containsExactly("bridge", "council", "river");
        assertThat(article.language()).isEqualTo("en-GB");
        assertThat(article.paywalled()).isTrue();
        assertThat(article.provenance()).contains(entry("title", "json-ld"), entry("authors", "json-ld"),
                entry("publishedAt", "json-ld"), entry("modifiedAt", "json-ld"), entry("canonicalUrl", "json-ld"),
                entry("imageUrl", "json-ld"), entry("siteName", "json-ld"), entry("section", "json-ld"),
                entry("keywords", "json-ld"), entry("language", "json-ld"), entry("paywalled", "json-ld"),
                entry("text", "html"));
    }

    @Test
    void json_ld_finds_the_article_in_a_graph_and_the_paywall_in_its_parts() {
        ExtractedArticle article = extract("""
                <script type="application/ld+json">{"broken": </script>
                <script type="application/ld+json">
                {"@graph": [{"@type": "WebSite", "name": "Site"},
                  {"@type": ["ReportageNewsArticle"], "headline": "In the graph",
                   "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": false, "cssSelector": ".paid"}}]}
                </script>""");

        assertThat(article.title()).isEqualTo("In the graph");
        assertThat(article.paywalled()).isTrue();
    }

    @Test
    void an_article_marked_free_is_not_paywalled_and_unmarked_is_unknown() {
        assertThat(extract("<script type=\"application/ld+json\">{\"@type\": \"Article\", \"isAccessibleForFree\": true}</script>")
                .paywalled()).isFalse();
        assertThat(extract("<title>Nothing said</title>").paywalled()).isNull();
    }

    @Test
    void a_teaser_body_beside_a_paywall_box_is_paywalled() {
        ExtractedArticle article = extractPage("""
                <html><body><article><p>The first lines of the story are free to read for everyone today.</p>
                <div class="paywall-prompt"><p>Subscribe to continue reading.</p></div></article></body></html>""");

        assertThat(article.paywalled()).isTrue();
        assertThat(article.provenance()).containsEntry("paywalled", "html");
        assertThat(article.text()).isEqualTo("The first lines of the story are free to read for everyone today.");
    }

    @Test
    void a_short_body_with_a_cut_off_notice_is_paywalled_but_a_login_prompt_is_no_paywall() {
        String notice = "<html><body><article><p>The first lines of the story are free to read for everyone today.</p></article>"
                + "<div><p>To read the full story, subscribe now.</p></div></body></html>";
        String login = "<html><body><div class=top>Already a subscriber? <a href=/login>Log in</a></div>"
                + "<article><p>A short news brief that is complete as it stands, about the bridge.</p></article></body></html>";

        assertThat(extractPage(notice).paywalled()).isTrue();
        assertThat(extractPage(login).paywalled()).isNull();
    }

    @Test
    void microdata_gives_the_article_items_properties() {
        ExtractedArticle article = extractPage("""
                <html><body>
                <div itemscope itemtype="https://schema.org/NewsArticle">
                  <h1 itemprop="headline">Micro headline</h1>
                  <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Cy Dee</span></span>
                  <time itemprop="datePublished" datetime="2024-05-14T10:00:00-04:00">May 14</time>
                  <meta itemprop="dateModified" content="2024-05-15T10:00:00-04:00">
                  <link itemprop="image" href="/lead.png">
                  <meta itemprop="articleSection" content="Science">
                  <meta itemprop="keywords" content="space; rockets">
                  <div itemprop="articleBody"><p>The rocket launched on time from the coast on Tuesday morning.</p></div>
                </div></body></html>""");

        assertThat(article.title()).isEqualTo("Micro headline");
        assertThat(article.authors()).containsExactly("Cy Dee");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T10:00:00-04:00"));
        assertThat(article.modifiedAt()).isEqualTo(OffsetDateTime.parse("2024-05-15T10:00:00-04:00"));
        assertThat(article.imageUrl()).isEqualTo("https://news.example/lead.png");
        assertThat(article.section()).isEqualTo("Science");
        assertThat(article.keywords()).containsExactly("space", "rockets");
        assertThat(article.provenance()).contains(entry("title", "microdata"), entry("authors", "microdata"),
                entry("publishedAt", "microdata"), entry("modifiedAt", "microdata"), entry("imageUrl", "microdata"),
                entry("section", "microdata"), entry("keywords", "microdata"));
    }

    @Test
    void opengraph_gives_title_dates_url_image_site_section_tags_and_locale() {
        ExtractedArticle article = extract("""
                <meta property="og:title" content="OG title">
                <meta property="article:published_time" content="2024-05-14T06:00:00Z">
                <meta property="article:modified_time" content="2024-05-14T07:00:00Z">
                <meta property="og:url" content="https://news.example/og">
                <meta property="og:image" content="https://cdn.news.example/og.jpg">
                <meta property="og:site_name" content="OG Site">
                <meta property="article:section" content="Business">
                <meta property="article:tag" content="trade"><meta property="article:tag" content="ports">
                <meta property="article:author" content="Dee Eff">
                <meta property="og:locale" content="pt_BR">""");

        assertThat(article.title()).isEqualTo("OG title");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T06:00:00Z"));
        assertThat(article.modifiedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T07:00:00Z"));
        assertThat(article.canonicalUrl()).isEqualTo("https://news.example/og");
        assertThat(article.imageUrl()).isEqualTo("https://cdn.news.example/og.jpg");
        assertThat(article.siteName()).isEqualTo("OG Site");
        assertThat(article.section()).isEqualTo("Business");
        assertThat(article.keywords()).containsExactly("trade", "ports");
        assertThat(article.authors()).containsExactly("Dee Eff");
        assertThat(article.language()).isEqualTo("pt-BR");
        assertThat(article.provenance()).contains(entry("title", "opengraph"), entry("publishedAt", "opengraph"),
                entry("canonicalUrl", "opengraph"), entry("imageUrl", "opengraph"), entry("siteName", "opengraph"),
                entry("section", "opengraph"), entry("keywords", "opengraph"), entry("authors", "opengraph"),
                entry("language", "opengraph"));
    }

    @Test
    void twitter_cards_give_title_and_image() {
        ExtractedArticle article = extract("""
                <meta name="twitter:title" content="Card title"><meta name="twitter:image" content="/card.jpg">""");

        assertThat(article.title()).isEqualTo("Card title");
        assertThat(article.imageUrl()).isEqualTo("https://news.example/card.jpg");
        assertThat(article.provenance()).contains(entry("title", "twitter"), entry("imageUrl", "twitter"));
    }

    @Test
    void dublin_core_gives_title_creator_dates_publisher_subject_and_language() {
        ExtractedArticle article = extract("""
                <meta name="DC.title" content="DC title"><meta name="DC.creator" content="Ed Gee">
                <meta name="dcterms.created" content="2024-05-14T08:00:00+01:00">
                <meta name="dcterms.modified" content="2024-05-14T09:00:00+01:00">
                <meta name="DC.publisher" content="DC Press"><meta name="DC.subject" content="rail, trams">
                <meta name="DC.language" content="nl">""");

        assertThat(article.title()).isEqualTo("DC title");
        assertThat(article.authors()).containsExactly("Ed Gee");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T08:00:00+01:00"));
        assertThat(article.modifiedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T09:00:00+01:00"));
        assertThat(article.siteName()).isEqualTo("DC Press");
        assertThat(article.keywords()).containsExactly("rail", "trams");
        assertThat(article.language()).isEqualTo("nl");
        assertThat(article.provenance()).contains(entry("title", "dublin-core"), entry("authors", "dublin-core"),
                entry("publishedAt", "dublin-core"), entry("modifiedAt", "dublin-core"), entry("siteName", "dublin-core"),
                entry("keywords", "dublin-core"), entry("language", "dublin-core"));
    }

    @Test
    void plain_meta_tags_give_author_date_keywords_section_site_and_language() {
        ExtractedArticle article = extract("""
                <meta name="author" content="By Fay Hu, Staff Writer"><meta name="pubdate" content="2024-05-14T08:00:00-07:00">
                <meta name="news_keywords" content="wildfire, evacuation"><meta name="section" content="Weather">
                <meta name="application-name" content="Meta Daily"><meta http-equiv="Content-Language" content="es">""");

        assertThat(article.authors()).containsExactly("Fay Hu");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T08:00:00-07:00"));
        assertThat(article.keywords()).containsExactly("wildfire", "evacuation");
        assertThat(article.section()).isEqualTo("Weather");
        assertThat(article.siteName()).isEqualTo("Meta Daily");
        assertThat(article.language()).isEqualTo("es");
        assertThat(article.provenance()).contains(entry("authors", "meta"), entry("publishedAt", "meta"),
                entry("keywords", "meta"), entry("section", "meta"), entry("siteName", "meta"), entry("language", "meta"));
    }

    @Test
    void the_visible_page_gives_time_element_headline_canonical_link_author_and_tag_links() {
        ExtractedArticle article = extractPage("""
                <html lang="de-at"><head><title>Page title | Site</title><link rel="canonical" href="/kanal"></head>
                <body><article><h1>Visible headline</h1>
                <p class="byline">Von <a rel="author" href="/gi">Gil Ho</a></p>
                <time datetime="2024-05-14T08:00:00+02:00">14. Mai</time>
                <p>Die Brücke wird im Juni für Reparaturen gesperrt, teilte die Stadt am Montag mit.</p>
                <a rel="tag" href="/t/bruecke">Brücke</a></article></body></html>""");

        assertThat(article.title()).isEqualTo("Visible headline");
        assertThat(article.authors()).containsExactly("Gil Ho");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T08:00:00+02:00"));
        assertThat(article.canonicalUrl()).isEqualTo("https://news.example/kanal");
        assertThat(article.keywords()).containsExactly("Brücke");
        assertThat(article.language()).isEqualTo("de-AT");
        assertThat(article.provenance()).contains(entry("title", "html"), entry("authors", "html"),
                entry("publishedAt", "time-element"), entry("canonicalUrl", "html"), entry("keywords", "html"),
                entry("language", "html"));
    }

    @Test
    void the_url_gives_the_section_when_nothing_else_does() {
        ExtractedArticle article = extract("<title>t</title>");

        assertThat(article.section()).isEqualTo("world");
        assertThat(article.provenance()).containsEntry("section", "url");
        assertThat(PageMetadata.urlSection("https://news.example/2024/05/14/story")).isNull();
        assertThat(PageMetadata.urlSection("https://news.example/news/story")).isNull();
        assertThat(PageMetadata.urlSection("https://news.example/story")).isNull();
    }

    @Test
    void machine_markup_wins_over_sharing_cards_and_sharing_cards_over_plain_meta() {
        ExtractedArticle article = extract("""
                <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-14T08:00:00+02:00"}</script>
                <meta property="article:published_time" content="2024-05-14T06:30:00Z">
                <meta property="og:image" content="https://news.example/og.jpg"><meta name="thumbnail" content="https://news.example/t.jpg">""");

        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T08:00:00+02:00"));
        assertThat(article.imageUrl()).isEqualTo("https://news.example/og.jpg");
        assertThat(article.provenance()).contains(entry("publishedAt", "json-ld"), entry("imageUrl", "opengraph"));
    }

    @Test
    void a_date_without_an_offset_and_a_non_web_url_are_skipped_for_the_next_source() {
        ExtractedArticle article = extract("""
                <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-05-14", "image": "data:image/png;base64,AAA"}</script>
                <meta property="article:published_time" content="2024-05-14T06:30:00Z"><meta property="og:image" content="/ok.jpg">""");

        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T06:30:00Z"));
        assertThat(article.imageUrl()).isEqualTo("https://news.example/ok.jpg");
    }

    @Test
    void language_tags_are_normalised_and_nonsense_is_dropped() {
        assertThat(PageMetadata.languageTag("en_us")).isEqualTo("en-US");
        assertThat(PageMetadata.languageTag("EN, fr")).isEqualTo("en");
        assertThat(PageMetadata.languageTag("zh-Hant-TW")).isEqualTo("zh-Hant-TW");
        assertThat(PageMetadata.languageTag("{{lang}}")).isNull();
    }

    @Test
    void the_site_name_is_cut_from_the_end_of_a_title() {
        ExtractedArticle article = extract("<title>Bridge approved | News Example</title><meta property=\"og:site_name\" content=\"News Example\">");

        assertThat(article.title()).isEqualTo("Bridge approved");
        assertThat(PageMetadata.withoutSiteName("Left - right: a guide – Daily", "Daily")).isEqualTo("Left - right: a guide");
        assertThat(PageMetadata.withoutSiteName("Brexit: what next", "what next")).isEqualTo("Brexit: what next");
        assertThat(PageMetadata.withoutSiteName("Mayor - Town", "City")).isEqualTo("Mayor - Town");
    }
}
