package io.newsflow.core.article;

/** Where a date in an article record came from, so that nobody mistakes a guess for a fact. */
public enum DateSource {
    /** The feed item's own date (pubDate, published, updated, date_published). */
    FEED,
    /** The article page's metadata (JSON-LD, OpenGraph, meta tags, time elements). */
    PAGE,
    /** A date in the article URL's path. */
    URL,
    /** No source gave a date; the field is null. */
    NONE
}
