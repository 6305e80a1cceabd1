package io.newsflow.core.article;

import java.util.List;

/**
 * Who stands behind an article: its publisher, its authors and the sources its text cites.
 *
 * @param publisher    the publisher, or null when none could be resolved
 * @param authors      author names, possibly empty (absent means none)
 * @param citedSources cited sources in text order, possibly empty (absent means none)
 */
public record Attribution(PublisherInfo publisher, List<String> authors, List<CitedSource> citedSources) {

    public Attribution {
        authors = Fields.list(authors, "authors");
        citedSources = Fields.list(citedSources, "citedSources");
    }
}
