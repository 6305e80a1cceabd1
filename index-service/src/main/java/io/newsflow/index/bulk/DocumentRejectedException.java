package io.newsflow.index.bulk;

/** Elasticsearch refused a document; the dead letter carries this as its reason. */
public final class DocumentRejectedException extends RuntimeException {

    public DocumentRejectedException(String documentId, ItemOutcome outcome) {
        super("Elasticsearch rejected document " + documentId + " (" + outcome.describe() + ")");
    }
}
