package io.newsflow.ingest.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The elements metadata is read from, gathered in one walk over the page: one walk costs less than the dozens of
 * selector queries that the metadata sources would take each on its own (each a walk over the whole page).
 */
final class PageIndex {

    private static final Pattern ARTICLE_TYPE = Pattern.compile("(?i)schema\\.org/(\\w*Article|BlogPosting|Report)$");
    private static final Pattern WORDS = Pattern.compile("\\s+");

    /** {@code <meta>} contents by lower-cased property, name, itemprop or http-equiv, in page order. */
    private final Map<String, List<String>> metas = new HashMap<>();
    /** Elements by each word of their {@code itemprop}, in page order. */
    private final Map<String, List<Element>> itemprops = new HashMap<>();
    /** {@code <link>} elements by each word of their {@code rel}, first only. */
    private final Map<String, Element> links = new HashMap<>();
    /** {@code <a>} elements by each word of their {@code rel}. */
    private final Map<String, List<Element>> anchors = new HashMap<>();
    final List<Element> jsonLdScripts = new ArrayList<>();
    final List<Element> bylines = new ArrayList<>();
    Element articleItem;
    Element firstH1;
    Element firstTime;
    Element pubdateTime;
    boolean paywallBox;

    private PageIndex() {
    }

    static PageIndex of(Document page) {
        PageIndex index = new PageIndex();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof Element element) {
                    index.add(element);
                }
            }
        }, page);
        return index;
    }

    private void add(Element element) {
        switch (element.normalName()) {
            case "meta" -> {
                String key = first(element.attr("property"), element.attr("name"), element.attr("itemprop"), element.attr("http-equiv"));
                if (!key.isEmpty() && element.hasAttr("content")) {
                    metas.computeIfAbsent(key.strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(element.attr("content"));
                }
            }
            case "link" -> words(element.attr("rel")).forEach(rel -> links.putIfAbsent(rel, element));
            case "a" -> words(element.attr("rel")).forEach(rel -> anchors.computeIfAbsent(rel, k -> new ArrayList<>()).add(element));
            case "script" -> {
                if (element.attr("type").equalsIgnoreCase("application/ld+json")) {
                    jsonLdScripts.add(element);
                }
            }
            case "h1" -> firstH1 = firstH1 == null ? element : firstH1;
            case "time" -> {
                if (element.hasAttr("datetime")) {
                    firstTime = firstTime == null ? element : firstTime;
                    if (element.hasAttr("pubdate") && pubdateTime == null) {
                        pubdateTime = element;
                    }
                }
            }
            default -> {
            }
        }
        if (element.attributesSize() == 0) {
            return;
        }
        if (element.hasAttr("itemprop")) {
            words(element.attr("itemprop")).forEach(prop -> itemprops.computeIfAbsent(prop, k -> new ArrayList<>()).add(element));
        }
        if (articleItem == null && element.hasAttr("itemscope") && ARTICLE_TYPE.matcher(element.attr("itemtype").strip()).find()) {
            articleItem = element;
        }
        String classes = element.attr("class");
        if (containsIgnoreCase(classes, "paywall") || containsIgnoreCase(classes, "subscriber-only")
                || containsIgnoreCase(element.id(), "paywall")) {
            paywallBox = true;
        }
        if (containsIgnoreCase(classes, "byline") && words(classes).contains("byline")) {
            bylines.add(element);
        }
    }

    /** The contents of the {@code <meta>} tags with this key, in page order. */
    List<String> metas(String key) {
        return metas.getOrDefault(key, List.of());
    }

    /** The elements with this {@code itemprop}, in page order. */
    List<Element> itemprops(String name) {
        return itemprops.getOrDefault(name, List.of());
    }

    Element link(String rel) {
        return links.get(rel);
    }

    List<Element> anchors(String rel) {
        return anchors.getOrDefault(rel, List.of());
    }

    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : List.of(WORDS.split(value.strip().toLowerCase(Locale.ROOT)));
    }

    /** Without lower-casing a copy: this runs for every element that has attributes. */
    private static boolean containsIgnoreCase(String text, String lowerCaseWord) {
        for (int i = 0, last = text.length() - lowerCaseWord.length(); i <= last; i++) {
            if (text.regionMatches(true, i, lowerCaseWord, 0, lowerCaseWord.length())) {
                return true;
            }
        }
        return false;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (!value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
