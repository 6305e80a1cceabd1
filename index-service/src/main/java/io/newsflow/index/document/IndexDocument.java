package io.newsflow.index.document;

/**
 * A document ready for a bulk request.
 *
 * @param id      the document {@code _id}: the article id, so that every version of an article lands on one document
 * @param version the external version (see {@link DocumentMapper#versionOf}); Elasticsearch keeps the highest
 * @param source  the document as JSON, serialised once so that bulk requests can be sized by bytes
 */
public record IndexDocument(String id, long version, byte[] source) {

    public int sizeBytes() {
        return source.length;
    }
}
