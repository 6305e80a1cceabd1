package io.newsflow.ingest.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.article.AuthorNames;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a page says about itself, each value with the source it came from. For every field the sources are tried
 * in a fixed order and the first that gives a usable value wins. The order is the rule: markup made for machines
 * that describes the article itself (JSON-LD, then microdata) first, then the sharing cards (OpenGraph, Twitter),
 * then Dublin Core and other {@code <meta>} tags, then what the visible page shows ({@code <time>}, headings,
 * links), last the URL. Exceptions, each explained where it is made: the title (OpenGraph first), authors (plain
 * meta before OpenGraph), the canonical URL ({@code <link rel=canonical>} first, the page's declaration for exactly
 * this) and the language (the {@code lang} attribute first). Dates count only with a time and an offset; URLs only
 * as absolute http(s).
 */
final class PageMetadata {

    private static final Pattern LANGUAGE_TAG = Pattern.compile("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$");
    private static final int MAX_KEYWORDS = 30;
    private static final Pattern SITE_SUFFIX = Pattern.compile("\\s+[|\\-–—:·•]\\s+([^|\\-–—:·•]+)$");
    private static final Pattern URL_SECTION = Pattern.compile("^\\p{L}[\\p{L}-]{2,24}$");
    private static final Set<String> NOT_SECTIONS = Set.of("news", "article", "articles", "story", "stories", "amp",
            "index", "post", "posts", "blog", "blogs", "content", "www", "web", "en", "de", "fr", "es", "it", "ru", "uk",
            "page", "pages", "item", "items", "view", "read", "doc", "detail", "details", "html");

    private final Document page;
    private final PageIndex index;
    private final JsonNode ld;
    private final Element microdata;
    private final Map<String, String> provenance = new LinkedHashMap<>();

    private PageMetadata(Document page) {
        this.page = page;
        this.index = PageIndex.of(page);
        this.ld = JsonLd.article(index.jsonLdScripts).orElse(null);
        this.microdata = index.articleItem;
    }

    /** Reads the metadata of a page; call before the main text is taken out (that changes the document). */
    static Values read(Document page, String pageUrl) {
        return new PageMetadata(page).values(pageUrl);
    }

    /**
     * The metadata values; lists are empty, other absent values null.
     *
     * @param paywallBox whether an element's class or id names a paywall ("paywall", "subscriber-only")
     * @param provenance field name -> {@link MetaSource#label()} for each value found
     */
    record Values(String title, List<String> authors, OffsetDateTime publishedAt, OffsetDateTime modifiedAt,
                  String canonicalUrl, String imageUrl, String siteName, String section, List<String> keywords,
                  String language, Boolean accessibleForFree, boolean paywallBox, Map<String, String> provenance) {
    }

    private Values values(String pageUrl) {
        // The one exception to the order: JSON-LD headlines are cut to 110 characters (search engines ask for it),
        // the sharing card's title is the headline as published.
        String title = text("title",
                from(MetaSource.OPENGRAPH, () -> meta("og:title")),
                from(MetaSource.JSON_LD, () -> ld("headline")),
                from(MetaSource.MICRODATA, () -> itemprop("headline")),
                from(MetaSource.TWITTER, () -> meta("twitter:title")),
                from(MetaSource.DUBLIN_CORE, () -> dublinCore("title")),
                from(MetaSource.HTML, () -> textOf(index.firstH1)),
                from(MetaSource.HTML, () -> blankToNull(page.title())));
        List<String> authors = authors();
        OffsetDateTime published = date("publishedAt",
                from(MetaSource.JSON_LD, () -> ld("datePublished")),
                from(MetaSource.MICRODATA, () -> itemprop("datePublished")),
                from(MetaSource.OPENGRAPH, () -> meta("article:published_time")),
                from(MetaSource.DUBLIN_CORE, () -> first(dublinCore("date.issued"), dublinCore("created"), dublinCore("date"))),
                from(MetaSource.META, () -> first(meta("pubdate"), meta("publish-date"), meta("sailthru.date"),
                        meta("parsely-pub-date"), meta("date"))),
                from(MetaSource.TIME_ELEMENT, () -> attribute(first(index.pubdateTime, index.firstTime), "datetime")));
        OffsetDateTime modified = date("modifiedAt",
                from(MetaSource.JSON_LD, () -> ld("dateModified")),
                from(MetaSource.MICRODATA, () -> itemprop("dateModified")),
                from(MetaSource.OPENGRAPH, () -> first(meta("article:modified_time"), meta("og:updated_time"))),
                from(MetaSource.DUBLIN_CORE, () -> dublinCore("modified")),
                from(MetaSource.META, () -> first(meta("last-modified"), meta("revised"))));
        // The canonical link is the page's declaration for exactly this; the others may point to a section or an AMP page.
        String canonical = text("canonicalUrl",
                from(MetaSource.HTML, () -> absoluteHttp(attribute(index.link("canonical"), "href"), pageUrl)),
                from(MetaSource.OPENGRAPH, () -> absoluteHttp(meta("og:url"), pageUrl)),
                from(MetaSource.JSON_LD, () -> ld == null ? null : absoluteHttp(first(JsonLd.url(ld, "url"), JsonLd.url(ld, "mainEntityOfPage")), pageUrl)));
        String image = text("imageUrl",
                from(MetaSource.JSON_LD, () -> ld == null ? null : absoluteHttp(JsonLd.url(ld, "image"), pageUrl)),
                from(MetaSource.MICRODATA, () -> absoluteHttp(itemprop("image"), pageUrl)),
                from(MetaSource.OPENGRAPH, () -> absoluteHttp(first(meta("og:image:secure_url"), meta("og:image")), pageUrl)),
                from(MetaSource.TWITTER, () -> absoluteHttp(first(meta("twitter:image"), meta("twitter:image:src")), pageUrl)),
                from(MetaSource.META, () -> absoluteHttp(first(meta("thumbnail"),
                        attribute(index.link("image_src"), "href")), pageUrl)));
        String siteName = text("siteName",
                from(MetaSource.JSON_LD, () -> ld == null ? null : JsonLd.names(ld, "publisher").stream().findFirst().orElse(null)),
                from(MetaSource.MICRODATA, () -> microdataName("publisher")),
                from(MetaSource.OPENGRAPH, () -> meta("og:site_name")),
                from(MetaSource.DUBLIN_CORE, () -> dublinCore("publisher")),
                from(MetaSource.META, () -> first(meta("application-name"), meta("apple-mobile-web-app-title"))));
        String section = text("section",
                from(MetaSource.JSON_LD, () -> ld == null ? null : JsonLd.firstText(ld, "articleSection")),
                from(MetaSource.MICRODATA, () -> itemprop("articleSection")),
                from(MetaSource.OPENGRAPH, () -> meta("article:section")),
                from(MetaSource.META, () -> first(meta("section"), meta("parsely-section"), meta("category"))),
                from(MetaSource.URL, () -> urlSection(pageUrl)));
        List<String> keywords = keywords();
        String language = language();
        Boolean free = null;
        if (ld != null) {
            free = JsonLd.accessibleForFree(ld);
            if (free != null) {
                provenance.put("paywalled", MetaSource.JSON_LD.label());
            }
        }
        return new Values(withoutSiteName(title, siteName), authors, published, modified, canonical, image, siteName, section, keywords,
                language, free, index.paywallBox, Map.copyOf(provenance));
    }

    /** "Bridge reopens | The Courier" -> "Bridge reopens" when the site calls itself "The Courier". */
    static String withoutSiteName(String title, String siteName) {
        if (title == null || siteName == null) {
            return title;
        }
        Matcher suffix = SITE_SUFFIX.matcher(title);
        if (suffix.find() && suffix.group(1).strip().equalsIgnoreCase(siteName.strip()) && suffix.start() > 0) {
            return title.substring(0, suffix.start()).strip();
        }
        return title;
    }

    /** As the general order, except that plain meta comes before OpenGraph: {@code article:author} is mostly a profile URL. */
    private List<String> authors() {
        List<Candidate<List<String>>> sources = List.of(
                from(MetaSource.JSON_LD, () -> ld == null ? List.of() : JsonLd.names(ld, "author")),
                from(MetaSource.MICRODATA, () -> index.itemprops("author").stream()
                        .map(e -> {
                            Element name = e.selectFirst("[itemprop=name]");
                            return name != null ? nonBlank(name.attr("content"), name.text()) : nonBlank(e.attr("content"), e.text());
                        }).toList()),
                from(MetaSource.META, () -> metas("author", "byl", "sailthru.author", "parsely-author")),
                from(MetaSource.OPENGRAPH, () -> metas("article:author")),
                from(MetaSource.DUBLIN_CORE, () -> metas("dc.creator", "dcterms.creator")),
                from(MetaSource.HTML, this::htmlAuthors));
        for (Candidate<List<String>> source : sources) {
            List<String> names = AuthorNames.clean(source.value().get());
            if (!names.isEmpty()) {
                provenance.put("authors", source.source().label());
                return names;
            }
        }
        return List.of();
    }

    private List<String> keywords() {
        List<Candidate<List<String>>> sources = List.of(
                from(MetaSource.JSON_LD, () -> ld == null ? List.of() : JsonLd.list(ld, "keywords")),
                from(MetaSource.MICRODATA, () -> split(itemprop("keywords"))),
                from(MetaSource.OPENGRAPH, () -> metas("article:tag")),
                from(MetaSource.META, () -> split(first(meta("news_keywords"), meta("keywords")))),
                from(MetaSource.DUBLIN_CORE, () -> split(dublinCore("subject"))),
                from(MetaSource.HTML, () -> index.anchors("tag").stream().map(Element::text).toList()));
        for (Candidate<List<String>> source : sources) {
            Set<String> keywords = new LinkedHashSet<>();
            for (String keyword : source.value().get()) {
                String clean = keyword == null ? "" : keyword.strip();
                if (!clean.isEmpty() && keywords.size() < MAX_KEYWORDS) {
                    keywords.add(clean);
                }
            }
            if (!keywords.isEmpty()) {
                provenance.put("keywords", source.source().label());
                return List.copyOf(keywords);
            }
        }
        return List.of();
    }

    /** The page's own {@code lang} attribute first: it is what browsers and screen readers go by. */
    private String language() {
        List<Candidate<String>> sources = List.of(
                from(MetaSource.HTML, () -> attribute(page.firstElementChild(), "lang")),
                from(MetaSource.JSON_LD, () -> ld("inLanguage")),
                from(MetaSource.META, () -> meta("content-language")),
                from(MetaSource.OPENGRAPH, () -> meta("og:locale")),
                from(MetaSource.DUBLIN_CORE, () -> dublinCore("language")));
        for (Candidate<String> source : sources) {
            String tag = languageTag(source.value().get());
            if (tag != null) {
                provenance.put("language", source.source().label());
                return tag;
            }
        }
        return null;
    }

    /**
     * The first path segment of an article URL when it is a word, as most news sites file articles
     * ({@code /world/2024/05/harbour} -> "world"); not the words that say "article" rather than what about.
     */
    static String urlSection(String pageUrl) {
        if (pageUrl == null) {
            return null;
        }
        try {
            String path = new URI(pageUrl).getPath();
            String[] segments = path == null ? new String[0] : path.split("/");
            if (segments.length < 3) {
                return null;
            }
            String first = segments[1].toLowerCase(Locale.ROOT);
            return URL_SECTION.matcher(first).matches() && !NOT_SECTIONS.contains(first) ? first : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** "en_US", "en-us", "EN, fr" -> "en-US"; null for what is no language tag. */
    static String languageTag(String raw) {
        if (raw == null) {
            return null;
        }
        String tag = raw.split(",")[0].strip().replace('_', '-');
        if (!LANGUAGE_TAG.matcher(tag).matches()) {
            return null;
        }
        String[] parts = tag.split("-");
        StringBuilder out = new StringBuilder(parts[0].toLowerCase(Locale.ROOT));
        for (int i = 1; i < parts.length; i++) {
            out.append('-').append(parts[i].length() == 2 ? parts[i].toUpperCase(Locale.ROOT) : parts[i]);
        }
        return out.toString();
    }

    private record Candidate<T>(MetaSource source, Supplier<T> value) {
    }

    private static <T> Candidate<T> from(MetaSource source, Supplier<T> value) {
        return new Candidate<>(source, value);
    }

    @SafeVarargs
    private String text(String field, Candidate<String>... candidates) {
        return pick(field, s -> blankToNull(s), candidates);
    }

    @SafeVarargs
    private OffsetDateTime date(String field, Candidate<String>... candidates) {
        return pick(field, s -> DateText.parse(s).orElse(null), candidates);
    }

    @SafeVarargs
    private <T> T pick(String field, Function<String, T> read, Candidate<String>... candidates) {
        for (Candidate<String> candidate : candidates) {
            T value = read.apply(candidate.value().get());
            if (value != null) {
                provenance.put(field, candidate.source().label());
                return value;
            }
        }
        return null;
    }

    private String ld(String field) {
        return ld == null ? null : JsonLd.text(ld, field);
    }

    /** An {@code itemprop} of the page's article item (or of the page when it has none), as microdata reads it. */
    private String itemprop(String name) {
        Element element = null;
        for (Element candidate : index.itemprops(name.toLowerCase(Locale.ROOT))) {
            if (microdata == null || candidate.parents().contains(microdata)) {
                element = candidate;
                break;
            }
        }
        if (element == null) {
            return null;
        }
        if (element.hasAttr("content")) {
            return blankToNull(element.attr("content"));
        }
        if (element.hasAttr("datetime")) {
            return blankToNull(element.attr("datetime"));
        }
        if (element.nameIs("meta")) {
            return null;
        }
        if (element.hasAttr("href") || element.hasAttr("src")) {
            return blankToNull(element.hasAttr("href") ? element.absUrl("href") : element.absUrl("src"));
        }
        Element url = element.selectFirst("[itemprop=url]");
        if (url != null) {
            return blankToNull(url.hasAttr("content") ? url.attr("content") : url.absUrl("href"));
        }
        return blankToNull(element.text());
    }

    private String microdataName(String name) {
        List<Element> elements = index.itemprops(name.toLowerCase(Locale.ROOT));
        if (elements.isEmpty()) {
            return null;
        }
        Element element = elements.get(0);
        Element inner = element.selectFirst("[itemprop=name]");
        return inner != null ? nonBlank(inner.attr("content"), inner.text()) : nonBlank(element.attr("content"), null);
    }

    /** The first non-blank content of a meta tag given as {@code property} or, wrongly but often, as {@code name}. */
    private String meta(String key) {
        for (String content : index.metas(key)) {
            if (!content.isBlank()) {
                return content.strip();
            }
        }
        return null;
    }

    /** Every content of the meta tags with these keys. */
    private List<String> metas(String... keys) {
        List<String> contents = new ArrayList<>();
        for (String key : keys) {
            contents.addAll(index.metas(key));
        }
        return contents;
    }

    /** {@code DC.title}, {@code dc.title}, {@code dcterms.title} and their kind. */
    private String dublinCore(String term) {
        String dc = meta("dc." + term);
        return dc != null ? dc : meta("dcterms." + term);
    }

    /** Author links ({@code rel=author}), else the names or links inside a byline element. */
    private List<String> htmlAuthors() {
        List<String> names = new ArrayList<>(index.anchors("author").stream().map(Element::text).toList());
        for (Element byline : index.bylines) {
            Element author = byline.selectFirst("[class*=author], a");
            if (author != null) {
                names.add(author.text());
            }
        }
        return names;
    }

    private static List<String> split(String list) {
        return list == null ? List.of() : List.of(list.split("[,;]"));
    }

    /** An absolute http(s) URL for {@code url} (resolved against {@code base} if relative), or null. */
    static String absoluteHttp(String url, String base) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip().replace(" ", "%20"));
            if (!uri.isAbsolute() && base != null) {
                uri = new URI(base).resolve(uri);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
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
