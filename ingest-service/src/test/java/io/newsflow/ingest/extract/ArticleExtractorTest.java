package io.newsflow.ingest.extract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleExtractorTest {

    private final ArticleExtractor extractor = new ArticleExtractor();

    /** A news page the way big sites build them: site chrome, share bar, byline, JSON-LD, related links, footer. */
    private static final String NEWS_PAGE = """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head>
              <meta charset="utf-8">
              <title>Harbour reopens after storm | Example Times</title>
              <link rel="canonical" href="https://www.example-times.com/world/2024/05/14/harbour-reopens">
              <meta property="og:title" content="Harbour reopens after three-day storm">
              <meta property="og:site_name" content="The Example Times">
              <meta property="article:published_time" content="2024-05-14T06:00:00Z">
              <script type="application/ld+json">
              {"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "name": "The Example Times", "url": "https://www.example-times.com/"},
                {"@type": "NewsArticle",
                 "headline": "Harbour reopens after storm",
                 "datePublished": "2024-05-14T08:00:00+02:00",
                 "dateModified": "2024-05-14T10:30:00+02:00",
                 "author": [{"@type": "Person", "name": "Jane Doe", "url": "https://www.example-times.com/authors/jane-doe"}],
                 "publisher": {"@type": "Organization", "name": "The Example Times"}}
              ]}
              </script>
              <style>.share-bar { display: flex; }</style>
            </head>
            <body>
              <header class="site-header">
                <a href="/">The Example Times</a>
                <nav><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
              </header>
              <div class="cookie-banner"><p>We use cookies to improve your experience. By continuing you accept our use of cookies.</p></div>
              <main>
                <article class="story">
                  <header>
                    <h1>Harbour reopens after three-day storm</h1>
                    <p class="byline">By <a rel="author" href="/authors/jane-doe">Jane Doe</a></p>
                    <time datetime="2024-05-14T08:00:00+02:00">14 May 2024</time>
                  </header>
                  <div class="share-bar">
                    <a href="https://social.example/share">Share on Social</a>
                    <a href="mailto:?subject=Harbour">Email</a>
                    <button>Copy link</button>
                  </div>
                  <figure>
                    <img src="/img/harbour.jpg" alt="The harbour">
                    <figcaption>Boats in the harbour on Monday. Photo: A. Photographer</figcaption>
                  </figure>
                  <div class="article-body">
                    <p>The port of Example Bay reopened on Tuesday after a three-day storm forced the harbour master to close it to all traffic.</p>
                    <p>Ferries to the islands will run on a reduced timetable until Thursday, the operator said in a statement, while engineers inspect the breakwater for damage.</p>
                    <h2>Damage still being assessed</h2>
                    <p>“We were lucky this time,” said Maria Lopez, who runs a fish stall on the quay. “The water came up to the door but no further.”</p>
                    <aside class="pull-quote"><p>We were lucky this time</p></aside>
                    <p>The regional government said it would publish an estimate of the damage <a href="/world/storm-damage">next week</a>.</p>
                  </div>
                  <div class="related-links">
                    <h3>Related</h3>
                    <ul>
                      <li><a href="/world/storm-warning">Storm warning issued for the coast</a></li>
                      <li><a href="/world/ferry-strike">Ferry strike called off</a></li>
                    </ul>
                  </div>
                  <ul class="story-list">
                    <li><a href="/world/more-1">Another story you might like to read today</a></li>
                  </ul>
                </article>
                <section class="newsletter-signup"><p>Get the morning briefing in your inbox every day.</p></section>
              </main>
              <footer><p>© 2024 The Example Times. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
              <script>window.analytics = {page: "harbour"};</script>
            </body>
            </html>
            """;

    @Test
    void extracts_a_realistic_news_page() {
        ExtractedArticle article = extractor.extract(NEWS_PAGE, "https://www.example-times.com/world/harbour?utm_source=rss");

        assertThat(article.title()).isEqualTo("Harbour reopens after three-day storm");
        assertThat(article.authors()).containsExactly("Jane Doe");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T08:00:00+02:00"));
        assertThat(article.publishedAt().getOffset().getId()).isEqualTo("+02:00");
        assertThat(article.modifiedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T10:30:00+02:00"));
        assertThat(article.canonicalUrl()).isEqualTo("https://www.example-times.com/world/2024/05/14/harbour-reopens");
        assertThat(article.siteName()).isEqualTo("The Example Times");
        assertThat(article.language()).isEqualTo("en-GB");
        assertThat(article.text()).isEqualTo("""
                The port of Example Bay reopened on Tuesday after a three-day storm forced the harbour master to close it to all traffic.

                Ferries to the islands will run on a reduced timetable until Thursday, the operator said in a statement, while engineers inspect the breakwater for damage.

                Damage still being assessed

                “We were lucky this time,” said Maria Lopez, who runs a fish stall on the quay. “The water came up to the door but no further.”

                The regional government said it would publish an estimate of the damage next week.""");
    }

    /** No article element, no JSON-LD: a blog-like page with the text in divs next to a sidebar of links. */
    private static final String PLAIN_PAGE = """
            <html lang="fr_FR">
            <head>
              <title>Le marché reprend – Valley Blog</title>
              <meta name="author" content="By Jean Dupont and Marie Curie">
              <link rel="canonical" href="/2024/05/marche">
            </head>
            <body>
              <div id="top"><a href="/">Valley Blog</a> <a href="/about">About</a></div>
              <div class="layout">
                <div class="content">
                  <h1>Le marché reprend</h1>
                  <p>By Jean Dupont and Marie Curie</p>
                  <div><time datetime="2024-05-14T07:45:00+0200">14 mai</time></div>
                  <p>Le marché du samedi a repris ce week-end après deux mois de travaux sur la place centrale.</p>
                  <p>Les commerçants se disent soulagés, même si la fréquentation reste inférieure à celle de l'an dernier.</p>
                  <p>Read more: <a href="/2024/04/travaux">Les travaux de la place</a></p>
                </div>
                <div class="links">
                  <p><a href="/a">Un autre article</a></p>
                  <p><a href="/b">Encore un autre</a></p>
                </div>
              </div>
            </body>
            </html>
            """;

    @Test
    void extracts_a_page_without_article_markup_from_its_densest_paragraphs() {
        ExtractedArticle article = extractor.extract(PLAIN_PAGE, "https://blog.valley.example/2024/05/marche?ref=home");

        assertThat(article.title()).isEqualTo("Le marché reprend");
        assertThat(article.authors()).containsExactly("Jean Dupont", "Marie Curie");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T07:45:00+02:00"));
        assertThat(article.modifiedAt()).isNull();
        assertThat(article.canonicalUrl()).isEqualTo("https://blog.valley.example/2024/05/marche");
        assertThat(article.siteName()).isNull();
        assertThat(article.language()).isEqualTo("fr-FR");
        assertThat(article.text()).isEqualTo("""
                Le marché du samedi a repris ce week-end après deux mois de travaux sur la place centrale.

                Les commerçants se disent soulagés, même si la fréquentation reste inférieure à celle de l'an dernier.""");
    }

    /** Microdata markup, a canonical link that is no web URL, and a teaser article beside the real one. */
    private static final String MICRODATA_PAGE = """
            <html>
            <head>
              <title>Budget approved</title>
              <link rel="canonical" href="javascript:alert(1)">
            </head>
            <body>
              <article class="teaser"><p>Teaser: weather tomorrow.</p></article>
              <div itemscope itemtype="https://schema.org/NewsArticle">
                <h1 itemprop="headline">Council approves budget</h1>
                <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">BY ANN SMITH</span></span>
                <meta itemprop="datePublished" content="2024-05-14T12:00:00-04:00">
                <div itemprop="articleBody">
                  <p>The city council approved next year's budget by nine votes to four on Tuesday evening.</p>
                  <ul>
                    <li>Schools get 4% more.</li>
                    <li>Roads get 2% less.</li>
                  </ul>
                  <div class="social-share"><a href="#">Tweet</a></div>
                </div>
              </div>
            </body>
            </html>
            """;

    @Test
    void uses_microdata_and_refuses_a_canonical_link_that_is_not_http() {
        ExtractedArticle article = extractor.extract(MICRODATA_PAGE, "https://city.example.net/news/budget");

        assertThat(article.title()).isEqualTo("Council approves budget");
        assertThat(article.authors()).containsExactly("Ann Smith");
        assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T12:00:00-04:00"));
        assertThat(article.canonicalUrl()).isNull();
        assertThat(article.language()).isNull();
        assertThat(article.text()).isEqualTo("""
                The city council approved next year's budget by nine votes to four on Tuesday evening.

                Schools get 4% more.

                Roads get 2% less.""");
    }

    @Test
    void detects_the_charset_a_page_declares_when_the_response_does_not() {
        byte[] latin1 = """
                <html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><title>Caf\u00e9</title></head>
                <body><article><p>Cr\u00e8me br\u00fbl\u00e9e for everyone at the caf\u00e9 today.</p></article></body></html>
                """.getBytes(StandardCharsets.ISO_8859_1);

        ExtractedArticle article = extractor.extract(latin1, null, "https://example.fr/cafe");

        assertThat(article.title()).isEqualTo("Caf\u00e9");
        assertThat(article.text()).isEqualTo("Cr\u00e8me br\u00fbl\u00e9e for everyone at the caf\u00e9 today.");
    }

    @Test
    void a_page_without_text_gives_empty_text_not_an_error() {
        ExtractedArticle article = extractor.extract("<html><head><title>Video</title></head><body><video src=a.mp4></video></body></html>", "https://example.com/v");

        assertThat(article.title()).isEqualTo("Video");
        assertThat(article.text()).isEmpty();
        assertThat(article.authors()).isEmpty();
    }

    @Test
    void a_page_wrapped_in_one_form_as_aspnet_builds_them_keeps_its_text() {
        String page = """
                <html><body><form id="aspnetForm" action="/story.aspx" method="post">
                  <input type="hidden" name="__VIEWSTATE" value="abc">
                  <div class="story"><h1>Water prices rise</h1>
                    <p>Water prices in the region will rise by five percent from July, the utility said.</p>
                    <p>Households can apply for a reduced tariff.</p></div>
                  <div class="newsletter-box"><p>Sign up for our newsletter and get the news first.</p><input type="email"></div>
                </form></body></html>
                """;

        ExtractedArticle article = extractor.extract(page, "https://utility-news.example/story.aspx");

        assertThat(article.text()).isEqualTo("""
                Water prices in the region will rise by five percent from July, the utility said.

                Households can apply for a reduced tariff.""");
    }

    @Test
    void takes_authors_from_author_links_when_nothing_better_names_them() {
        String page = "<html><body><article><p>Byline: <a rel=\"author external\" href=\"/sam\">By Sam Lee</a></p>"
                + "<p>The bridge will close for repairs in June, the city said on Monday.</p></article></body></html>";

        assertThat(extractor.extract(page, "https://example.com/bridge").authors()).containsExactly("Sam Lee");
    }
}
