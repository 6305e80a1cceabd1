package io.newsflow.index.bulk;

import io.newsflow.core.config.Settings;

import java.time.Duration;

/**
 * How large a bulk request may grow and how long a record may wait for one.
 *
 * @param maxDocs  documents per bulk request ({@code NEWSFLOW_BULK_MAX_DOCS}, default 500)
 * @param maxBytes bytes per bulk request, action lines included ({@code NEWSFLOW_BULK_MAX_BYTES}, default 5 MiB);
 *                 a single larger document still goes, alone
 * @param maxWait  longest time the first record of a batch waits for more before the batch is written
 *                 ({@code NEWSFLOW_BULK_MAX_WAIT}, default 1s); a batch waits only while another is in the air
 * @param inFlight bulk requests in the air at the same time ({@code NEWSFLOW_BULK_IN_FLIGHT}, default 2): as soon as
 *                 one comes back the next one goes, so Elasticsearch always has the next request at hand
 */
public record BulkLimits(int maxDocs, long maxBytes, Duration maxWait, int inFlight) {

    public static final String MAX_DOCS = "NEWSFLOW_BULK_MAX_DOCS";
    public static final String MAX_BYTES = "NEWSFLOW_BULK_MAX_BYTES";
    public static final String MAX_WAIT = "NEWSFLOW_BULK_MAX_WAIT";
    public static final String IN_FLIGHT = "NEWSFLOW_BULK_IN_FLIGHT";

    public static BulkLimits from(Settings settings) {
        return new BulkLimits(
                settings.integer(MAX_DOCS, 500, 1, 10_000),
                settings.integer(MAX_BYTES, 5 * 1024 * 1024, 64 * 1024, 100 * 1024 * 1024),
                settings.duration(MAX_WAIT, Duration.ofSeconds(1)),
                settings.integer(IN_FLIGHT, 2, 1, 16));
    }
}
