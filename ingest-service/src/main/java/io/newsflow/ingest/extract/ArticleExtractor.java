package io.newsflow.ingest.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Extracts an article from its page: the main text ({@link MainText}) and the metadata, each value with its source
 * ({@link PageMetadata}). The page is decoded by {@link PageCharset} and bounded by {@link PageLimits}: a page
 * beyond them is cut, and the reason is the article's {@code warning}; one page never takes more than the limits'
 * time for its text. Thread-safe: one instance serves every page.
 */
public final class ArticleExtractor {

    /** A body this short next to a paywall notice is a teaser. */
    private static final int MAX_TEASER_CHARS = 1200;
    // Only phrases that say this text is cut: "Already a subscriber? Log in" sits in the header of many free pages.
    private static final Pattern PAYWALL_NOTICE = Pattern.compile(
            "(?i)\\b(subscribe to (?:continue|keep) reading|to (?:continue|keep) reading,? (?:please )?subscribe|"
                    + "to read the (?:full|whole|rest of the) (?:story|article)|subscribers only|"
                    + "this (?:article|story|content) is (?:only )?(?:for|reserved for|available to|exclusive to) (?:our )?subscribers)");

    private final PageLimits limits;

    public ArticleExtractor() {
        this(PageLimits.DEFAULT);
    }

    public ArticleExtractor(PageLimits limits) {
        this.limits = limits;
    }

    /**
     * Extracts from a fetched page.
     *
     * @param html    the page bytes
     * @param charset the charset the HTTP response declared, or null; the bytes may overrule it ({@link PageCharset})
     * @param pageUrl the page's URL, for relative links and as the canonical URL of pages that declare none; may be null
     */
    public ExtractedArticle extract(byte[] html, Charset charset, String pageUrl) {
        return extract(PageCharset.decode(html, charset).text(), pageUrl);
    }

    /** Extracts from page text already decoded. */
    public ExtractedArticle extract(String html, String pageUrl) {
        long deadline = System.nanoTime() + limits.maxTime().toNanos();
        List<String> warnings = new ArrayList<>();
        Document page = Jsoup.parse(limits.cut(html, warnings), pageUrl == null ? "" : pageUrl);
        limits.prune(page, warnings);
        PageMetadata.Values meta = PageMetadata.read(page, pageUrl);
        String text;
        try {
            text = MainText.of(page, meta.authors(), deadline);
        } catch (MainText.TimeUp e) {
            warnings.add("no main text: finding it took longer than " + limits.maxTime().toMillis() + " ms (limit maxTime)");
            text = "";
        }
        if (text.isEmpty() && warnings.isEmpty()) {
            warnings.add("no main text: the page has no block of prose outside navigation, lists and page furniture");
        }
        Map<String, String> provenance = new HashMap<>(meta.provenance());
        if (!text.isEmpty()) {
            provenance.put("text", MetaSource.HTML.label());
        }
        Boolean paywalled = meta.accessibleForFree() == null ? null : !meta.accessibleForFree();
        if (!Boolean.TRUE.equals(paywalled) && text.length() < MAX_TEASER_CHARS
                && (meta.paywallBox() || PAYWALL_NOTICE.matcher(html).find())) {
            paywalled = true;
            provenance.put("paywalled", MetaSource.HTML.label());
        }
        return new ExtractedArticle(meta.title(), text, meta.authors(), meta.publishedAt(), meta.modifiedAt(),
                meta.canonicalUrl(), meta.siteName(), meta.language(), meta.imageUrl(), meta.section(), meta.keywords(),
                paywalled, provenance, warnings.isEmpty() ? null : String.join("; ", warnings));
    }
}
