package io.newsflow.enrich.attribution;

import crawlercommons.domains.EffectiveTldFinder;
import io.newsflow.core.article.PublisherInfo;
import io.newsflow.core.article.RawArticle;
import io.newsflow.core.json.InvalidRecordException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Says who published an article, trying in turn: the registry entry of the canonical URL's host or registered
 * domain, the publisher name the feed subscription gives, the site's own name ({@code og:site_name}), and
 * finally the bare registered domain. {@link PublisherInfo#source()} records which one answered.
 */
public final class PublisherResolver {

    private final PublisherRegistry registry;

    public PublisherResolver(PublisherRegistry registry) {
        this.registry = registry;
        // Loads the public suffix list now rather than while the first record waits (about a second).
        EffectiveTldFinder.getInstance();
    }

    /** @throws InvalidRecordException if the article URL is not an absolute http(s) URL */
    public PublisherInfo resolve(RawArticle article) {
        String host = hostOf(article.url());
        String domain = registeredDomain(host);
        Optional<Publisher> known = registry.byHost(host);
        if (known.isPresent()) {
            return info(known.get(), domain, "registry");
        }
        String feedPublisher = blankToNull(article.feed().publisher());
        if (feedPublisher != null) {
            return named(feedPublisher, domain, "feed");
        }
        String siteName = blankToNull(article.siteName());
        if (siteName != null) {
            return named(siteName, domain, "site-name");
        }
        return new PublisherInfo(domain, domain, domain, null, null, "domain");
    }

    /**
     * The registered domain of a host by the public suffix list ("news.bbc.co.uk" → "bbc.co.uk"); private
     * suffixes count, so that two blogs on one hosting service stay two publishers. A host without a public
     * suffix (an IP address, "localhost") is its own domain.
     */
    static String registeredDomain(String host) {
        String assigned = EffectiveTldFinder.getAssignedDomain(host, true, false);
        return assigned == null ? host : assigned;
    }

    private PublisherInfo named(String name, String domain, String source) {
        return registry.byName(name)
                .map(publisher -> info(publisher, domain, source))
                .orElseGet(() -> new PublisherInfo(domain, name.strip(), domain, null, null, source));
    }

    private static PublisherInfo info(Publisher publisher, String domain, String source) {
        return new PublisherInfo(publisher.id(), publisher.name(), domain, publisher.country(), publisher.kind(), source);
    }

    private static String hostOf(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new InvalidRecordException("article url " + url + " is not an absolute http(s) URL");
            }
            return uri.getHost().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new InvalidRecordException("article url " + url + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
