package io.newsflow.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.article.AuthorNames;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Extracts an article from its page with simple rules (issue "extraction" makes them thorough).
 * <ul>
 *   <li>title: {@code og:title}, JSON-LD {@code headline}, the first {@code <h1>}, {@code <title>};</li>
 *   <li>authors: JSON-LD {@code author}, {@code <meta name=author>}, {@code rel=author} links, {@code itemprop=author};
 *       the first source that names anyone wins; names are cleaned by {@link AuthorNames};</li>
 *   <li>dates: JSON-LD {@code datePublished}/{@code dateModified}, {@code article:published_time}/{@code modified_time},
 *       {@code itemprop} dates, the first {@code <time datetime>}; only full date-times with an offset count;</li>
 *   <li>canonical URL: {@code <link rel=canonical>} resolved against the page URL, http(s) only;</li>
 *   <li>site name: {@code og:site_name}, JSON-LD {@code publisher.name}; language: {@code <html lang>},
 *       {@code Content-Language};</li>
 *   <li>main text: the {@code itemprop=articleBody} element, else the {@code <article>} with the most paragraph
 *       text, else the element whose paragraphs (as children or grandchildren) hold the most text; without
 *       navigation, asides, footers, scripts, figures and their captions, form controls, share bars, related links,
 *       newsletter boxes and bylines (by tag, role, and class or id words); link lists, "Read more:" teasers,
 *       standalone dates and byline paragraphs dropped; paragraphs joined by blank lines.</li>
 * </ul>
 */
public final class ArticleExtractor {

    /** Never part of an article's text, wherever they are. */
    private static final String NON_CONTENT = "script, style, noscript, template, iframe, object, embed, svg, canvas, "
            // Not <form>: ASP.NET pages wrap their whole body in one; newsletter forms go by their class words.
            + "button, input, select, textarea, dialog, nav, aside, footer, figure, figcaption, picture, "
            + "[role=navigation], [role=complementary], [role=contentinfo], [role=banner], [hidden], [aria-hidden=true]";

    /** Words of class names and ids that mark page furniture inside the content area. */
    private static final Set<String> BOILERPLATE_WORDS = Set.of(
            "share", "sharing", "social", "related", "recommended", "recirc", "more", "newsletter", "subscribe",
            "signup", "promo", "advert", "advertisement", "ad", "ads", "sponsor", "sponsored", "cookie", "consent",
            "comment", "comments", "breadcrumb", "breadcrumbs", "sidebar", "widget", "popup", "modal", "byline",
            "bio", "tags", "outbrain", "taboola", "toolbar", "menu", "nav", "caption", "credit");

    private static final Pattern CLASS_WORD_SEPARATORS = Pattern.compile("[\\s_-]+");
    private static final Pattern BYLINE = Pattern.compile("^(?i:by)\\s.*");
    private static final Pattern TEASER = Pattern.compile("(?i)(read more|read also|also read|see also|related|more on this)\\b");

    /** A paragraph or list item whose text is mostly link text is a list of links, not prose. */
    private static final double MAX_LINK_DENSITY = 0.8;
    /** An {@code <article>} holding less than this share of the page's paragraph text is a teaser, not the story. */
    private static final double MIN_ARTICLE_SHARE = 0.3;

    /**
     * Extracts from a fetched page.
     *
     * @param html    the page bytes
     * @param charset the charset the HTTP response declared, or null to detect it from a BOM or {@code <meta>}
     * @param pageUrl the page's URL, for relative links
     */
    public ExtractedArticle extract(byte[] html, Charset charset, String pageUrl) {
        try {
            return extract(Jsoup.parse(new ByteArrayInputStream(html), charset == null ? null : charset.name(), pageUrl));
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory page cannot fail", e);
        }
    }

    /** Extracts from a parsed page. The document is changed: boilerplate is removed from it. */
    public ExtractedArticle extract(Document page) {
        JsonNode ld = JsonLd.article(page).orElse(null);
        String title = first(
                () -> meta(page, "og:title"),
                () -> ld == null ? null : JsonLd.text(ld, "headline"),
                () -> textOf(page.selectFirst("h1")),
                () -> blankToNull(page.title()));
        List<String> authors = authors(page, ld);
        OffsetDateTime published = firstDate(
                ld == null ? null : JsonLd.text(ld, "datePublished"),
                meta(page, "article:published_time"),
                itemprop(page, "datePublished"),
                attribute(page.selectFirst("time[datetime]"), "datetime"));
        OffsetDateTime modified = firstDate(
                ld == null ? null : JsonLd.text(ld, "dateModified"),
                meta(page, "article:modified_time"),
                meta(page, "og:updated_time"),
                itemprop(page, "dateModified"));
        String siteName = first(
                () -> meta(page, "og:site_name"),
                () -> ld == null ? null : JsonLd.names(ld, "publisher").stream().findFirst().orElse(null));
        String canonical = canonicalUrl(page);
        String language = language(page);
        String text = mainText(page, authors);
        return new ExtractedArticle(title, text, authors, published, modified, canonical, siteName, language);
    }

    private static List<String> authors(Document page, JsonNode ld) {
        List<Supplier<List<String>>> sources = List.of(
                () -> ld == null ? List.of() : JsonLd.names(ld, "author"),
                () -> page.select("meta[name=author]").eachAttr("content"),
                () -> page.select("a[rel~=(?i)(^|\\s)author(\\s|$)]").eachText(),
                () -> page.select("[itemprop=author]").stream()
                        .map(e -> Optional.ofNullable(e.selectFirst("[itemprop=name]")).map(n -> nonBlank(n.attr("content"), n.text()))
                                .orElse(nonBlank(e.attr("content"), e.text())))
                        .toList());
        for (Supplier<List<String>> source : sources) {
            List<String> names = AuthorNames.clean(source.get());
            if (!names.isEmpty()) {
                return names;
            }
        }
        return List.of();
    }

    private static String mainText(Document page, List<String> authors) {
        page.select(NON_CONTENT).remove();
        for (Element header : page.select("header")) {
            // A page's header is site furniture; an article's own header holds its headline and byline.
            if (header.closest("article") == null) {
                header.remove();
            }
        }
        Element main = mainElement(page);
        removeBoilerplate(main);
        main.select("h1").remove();
        for (Element time : main.select("time")) {
            // A date on its own line is metadata; a date inside a sentence is part of it.
            if (time.closest("p, li") == null) {
                time.remove();
            }
        }
        for (Element block : main.select("p, li")) {
            if (linkDensity(block) > MAX_LINK_DENSITY || isTeaser(block)) {
                block.remove();
            }
        }
        List<String> paragraphs = new ArrayList<>();
        for (String paragraph : HtmlText.paragraphs(main)) {
            if (!isByline(paragraph, authors)) {
                paragraphs.add(paragraph);
            }
        }
        return String.join("\n\n", paragraphs);
    }

    private static Element mainElement(Document page) {
        Element body = page.body();
        Element articleBody = page.selectFirst("[itemprop=articleBody]");
        if (articleBody != null && paragraphText(articleBody) > 0) {
            return articleBody;
        }
        long total = paragraphText(body);
        Element bestArticle = null;
        long bestArticleText = 0;
        for (Element article : page.select("article")) {
            long text = paragraphText(article);
            if (text > bestArticleText) {
                bestArticle = article;
                bestArticleText = text;
            }
        }
        if (bestArticle != null && bestArticleText >= MIN_ARTICLE_SHARE * total) {
            return bestArticle;
        }
        return densestParagraphContainer(body);
    }

    /** The element whose paragraphs hold the most text: a paragraph counts fully for its parent, half for its grandparent. */
    private static Element densestParagraphContainer(Element body) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element p : body.select("p")) {
            int length = p.text().length();
            Element parent = p.parent();
            if (parent == null) {
                continue;
            }
            scores.merge(parent, (double) length, Double::sum);
            if (parent.parent() != null && parent != body) {
                scores.merge(parent.parent(), length / 2.0, Double::sum);
            }
        }
        return scores.entrySet().stream().max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey).orElse(body);
    }

    private static void removeBoilerplate(Element main) {
        int mainText = main.text().length();
        for (Element element : main.getAllElements()) {
            if (element == main || element.parent() == null || !looksLikeBoilerplate(element)) {
                continue;
            }
            // A container that holds most of the text is the content, whatever its class says.
            if (element.text().length() <= mainText / 2) {
                element.remove();
            }
        }
    }

    private static boolean looksLikeBoilerplate(Element element) {
        String names = element.className() + " " + element.id();
        if (names.isBlank()) {
            return false;
        }
        return Stream.of(CLASS_WORD_SEPARATORS.split(names.toLowerCase(Locale.ROOT))).anyMatch(BOILERPLATE_WORDS::contains);
    }

    private static double linkDensity(Element block) {
        int text = block.text().length();
        if (text == 0) {
            return 0;
        }
        int linkText = block.select("a").stream().mapToInt(a -> a.text().length()).sum();
        return (double) linkText / text;
    }

    /** "Read more: <a>other story</a>" and its kind point elsewhere. */
    private static boolean isTeaser(Element block) {
        return TEASER.matcher(block.text()).lookingAt() && block.selectFirst("a") != null;
    }

    private static boolean isByline(String paragraph, List<String> authors) {
        return !authors.isEmpty() && paragraph.length() < 200 && BYLINE.matcher(paragraph).matches()
                && authors.containsAll(AuthorNames.clean(List.of(paragraph)));
    }

    private static long paragraphText(Element element) {
        return element.select("p").stream().mapToLong(p -> p.text().length()).sum();
    }

    private static String canonicalUrl(Document page) {
        Element link = page.selectFirst("link[rel~=(?i)^canonical$][href]");
        if (link == null) {
            return null;
        }
        String url = link.absUrl("href");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? url : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String language(Document page) {
        String lang = first(
                () -> attribute(page.selectFirst("html"), "lang"),
                () -> attribute(page.selectFirst("meta[http-equiv~=(?i)^content-language$]"), "content"));
        if (lang == null) {
            return null;
        }
        String tag = lang.split(",")[0].strip().replace('_', '-');
        return tag.isEmpty() ? null : tag;
    }

    /** The content of an OpenGraph-style meta tag, given as {@code property} or, wrongly but often, as {@code name}. */
    private static String meta(Document page, String property) {
        Element meta = page.selectFirst("meta[property=" + property + "][content], meta[name=" + property + "][content]");
        return meta == null ? null : blankToNull(meta.attr("content"));
    }

    private static String itemprop(Document page, String name) {
        Element element = page.selectFirst("[itemprop=" + name + "]");
        return element == null ? null : nonBlank(element.attr("content"), element.attr("datetime"));
    }

    private static OffsetDateTime firstDate(String... candidates) {
        for (String candidate : candidates) {
            Optional<OffsetDateTime> date = DateText.parse(candidate);
            if (date.isPresent()) {
                return date.get();
            }
        }
        return null;
    }

    @SafeVarargs
    private static String first(Supplier<String>... candidates) {
        for (Supplier<String> candidate : candidates) {
            String value = candidate.get();
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static String textOf(Element element) {
        return element == null ? null : blankToNull(element.text());
    }

    private static String attribute(Element element, String name) {
        return element == null ? null : blankToNull(element.attr(name));
    }

    private static String nonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : blankToNull(second);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
