package io.newsflow.core.article;

import java.util.List;

/**
 * Who stands behind an article: its publisher, its authors and the sources its text cites.
 */
public record Attribution(PublisherInfo publisher, List<String> authors, List<CitedSource> citedSources) {

    public Attribution {
        authors = authors == null ? List.of() : List.copyOf(authors);
        citedSources = citedSources == null ? List.of() : List.copyOf(citedSources);
    }
}
