package io.newsflow.ingest.extract;

/** Where a value of an extracted article came from; {@link #label()} is the name the article records carry. */
public enum MetaSource {
    JSON_LD("json-ld"),
    MICRODATA("microdata"),
    OPENGRAPH("opengraph"),
    TWITTER("twitter"),
    DUBLIN_CORE("dublin-core"),
    META("meta"),
    TIME_ELEMENT("time-element"),
    HTML("html"),
    URL("url");

    private final String label;

    MetaSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
