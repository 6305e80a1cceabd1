package io.newsflow.ingest.feed;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * Google News sitemaps ({@code urlset} with {@code news:news}) and sitemap indexes, with crawler-commons. Each URL is
 * an item: its news title and publication date (offset kept) when it has them, else its {@code lastmod}. An index
 * names its sitemaps (newest first) for the poller to fetch; it has no items itself. The document reaches
 * crawler-commons repaired by {@link FeedRepair}, so without a DOCTYPE.
 */
final class SitemapParser {

    /** Sitemaps of an index fetched per poll, the most recently modified first. */
    static final int MAX_SITEMAPS = 5;

    private SitemapParser() {
    }

    static ParsedFeed parse(String repairedXml, URI feedUri) throws FeedParseException {
        crawlercommons.sitemaps.SiteMapParser parser = new crawlercommons.sitemaps.SiteMapParser(false, true);
        parser.enableExtension(Extension.NEWS);
        AbstractSiteMap map;
        try {
            byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + repairedXml).getBytes(StandardCharsets.UTF_8);
            map = parser.parseSiteMap("application/xml", xml, feedUri.toURL());
        } catch (UnknownFormatException | IOException | IllegalArgumentException e) {
            throw new FeedParseException("not a readable sitemap: " + e.getMessage(), e);
        }
        if (map instanceof SiteMapIndex index) {
            List<String> sitemaps = index.getSitemaps().stream()
                    .sorted(Comparator.comparing((AbstractSiteMap m) -> m.getLastModified() == null ? new Date(0) : m.getLastModified()).reversed())
                    .limit(MAX_SITEMAPS).map(m -> m.getUrl().toString()).toList();
            return new ParsedFeed("sitemap_index", null, null, List.of(), null, sitemaps);
        }
        List<FeedItem> items = new ArrayList<>();
        String language = null;
        for (SiteMapURL url : ((SiteMap) map).getSiteMapUrls()) {
            NewsAttributes news = news(url);
            OffsetDateTime published = news != null && news.getPublicationDateTime() != null
                    ? news.getPublicationDateTime().toOffsetDateTime() : null;
            OffsetDateTime modified = url.getLastModified() == null ? null : url.getLastModified().toInstant().atOffset(ZoneOffset.UTC);
            if (news != null && language == null) {
                language = news.getLanguage();
            }
            items.add(new FeedItem(url.getUrl().toString(), news == null ? null : news.getTitle(), null, null, List.of(),
                    published != null ? published : modified, modified));
        }
        return new ParsedFeed(news(items) ? "sitemap_news" : "sitemap", null, language, items, null, List.of());
    }

    private static boolean news(List<FeedItem> items) {
        return items.stream().anyMatch(item -> item.title() != null);
    }

    private static NewsAttributes news(SiteMapURL url) {
        ExtensionMetadata[] attributes = url.getAttributesForExtension(Extension.NEWS);
        return attributes != null && attributes.length > 0 && attributes[0] instanceof NewsAttributes news ? news : null;
    }
}
