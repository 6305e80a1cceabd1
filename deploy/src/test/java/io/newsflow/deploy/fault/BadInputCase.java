package io.newsflow.deploy.fault;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One case of the bad-input corpus, as {@code bad-input/manifest.json} lists it.
 *
 * @param id            unique name
 * @param stage         where the input meets the pipeline: {@code feed} (a feed document), {@code feed-http} (how a
 *                      feed is served), {@code page} (an article page), {@code fetch-policy} (a URL the fetcher must
 *                      refuse), {@code raw-record} (a record on news.articles.raw), {@code enriched-record} (a record on
 *                      news.articles.enriched)
 * @param input         a file of the corpus, relative to {@code bad-input/}, or the URL of a fetch-policy case
 * @param generate      the name of a generator, for inputs too large to keep or that must be produced while sent
 * @param serve         how the site answers, when not with the input as a 200 response ({@code stall}, {@code reset}...)
 * @param contentType   the Content-Type header, when not the stage's usual one
 * @param contentEncoding the Content-Encoding header, if any
 * @param expect        the outcomes accepted: {@code parsed}, {@code skipped}, {@code dead-lettered} (more than one
 *                      only where the issue allows either and says which is preferred)
 * @param reason        a regular expression the recorded reason must contain (skipped and dead-lettered)
 * @param articles      for parsed feeds: how many articles the feed must yield
 * @param textContains  for parsed pages: text the published article must contain
 * @param textExcludes  text no article of the case may contain (e.g. the contents of /etc/passwd)
 * @param neverRequested a path under the case's base that the service must never ask for (an external DTD)
 * @param maxSeconds    the case must end within this time
 * @param maxRssMb      the service that handles it must stay under this peak resident memory, in MiB
 * @param why           what the case is, for people
 */
record BadInputCase(String id, String stage, String input, String generate, String serve, String contentType,
                    String contentEncoding,
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> expect,
                    String reason, Integer articles, String textContains, String textExcludes, String neverRequested,
                    int maxSeconds, Integer maxRssMb, String why) {

    static final Set<String> STAGES = Set.of("feed", "feed-http", "page", "fetch-policy", "raw-record", "enriched-record");
    static final Set<String> OUTCOMES = Set.of("parsed", "skipped", "dead-lettered");
    static final String ROOT = "bad-input/";

    static List<BadInputCase> all() {
        try (InputStream in = resource("manifest.json")) {
            JsonNode cases = Json.mapper().readTree(in).path("cases");
            List<BadInputCase> all = new ArrayList<>();
            for (JsonNode node : cases) {
                all.add(Json.mapper().treeToValue(node, BadInputCase.class));
            }
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + "manifest.json", e);
        }
    }

    /** The bytes of the case's input file. */
    byte[] inputBytes() {
        try (InputStream in = resource(input)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + input + " of case " + id, e);
        }
    }

    boolean servedByIngest() {
        return stage.equals("feed") || stage.equals("feed-http") || stage.equals("page");
    }

    static InputStream resource(String path) throws IOException {
        InputStream in = BadInputCase.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IOException("no test resource " + ROOT + path);
        }
        return in;
    }

    @Override
    public String toString() {
        return id + " (" + stage + ")";
    }
}
