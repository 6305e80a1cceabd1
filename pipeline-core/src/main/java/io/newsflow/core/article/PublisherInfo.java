package io.newsflow.core.article;

/**
 * The publisher an article is attributed to.
 *
 * @param id      registry id (e.g. "bloomberg"), or the registered domain when the publisher is not in the registry
 * @param name    display name
 * @param domain  registered domain of the article URL (e.g. "bloomberg.com")
 * @param country ISO 3166-1 alpha-2 code, or null
 * @param kind    wire, national, regional, broadcaster, aggregator, ... or null when unknown
 * @param source  how it was resolved: registry, feed, site-name, domain
 */
public record PublisherInfo(String id, String name, String domain, String country, String kind, String source) {

    /** @throws NullPointerException if id, name, domain or source is null */
    public PublisherInfo {
        Fields.required(id, "id");
        Fields.required(name, "name");
        Fields.required(domain, "domain");
        Fields.required(source, "source");
    }
}
