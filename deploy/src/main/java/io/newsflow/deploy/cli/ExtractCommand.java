package io.newsflow.deploy.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.core.config.Settings;
import io.newsflow.core.http.FetchException;
import io.newsflow.core.http.FetchResponse;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.core.json.Json;
import io.newsflow.ingest.extract.ArticleExtractor;
import io.newsflow.ingest.extract.ExtractedArticle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;

/**
 * {@code ./newsflow extract [--url URL] FILE|URL|- ...}: the article extractor for people and scripts. One JSON
 * object per input, one per line, in the order given. Exit code 0 when every input was read, whether or not an
 * article was found in it (then {@code text} is empty and {@code warning} says why); 1 when an input could not be
 * read (its line has {@code error} instead).
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {"Extracts articles from pages: files (gzipped or not), http(s) URLs, or - for standard input.",
                "Prints one JSON object per input line: input, url, title, text, authors, publishedAt, modifiedAt, "
                        + "language, canonicalUrl, imageUrl, siteName, section, keywords, paywalled, provenance "
                        + "(and warning where the text is empty or cut, error where the input could not be read).",
                "URLs are fetched with the ingest service's HTTP client and its settings (NEWSFLOW_FETCH_*): "
                        + "private and loopback addresses are refused unless allowed there."})
final class ExtractCommand implements Callable<Integer> {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    @Option(names = "--url", paramLabel = "URL",
            description = "The page's own URL, for relative links and URL-based rules (default: the fetched URL, or none for files).")
    String url;

    @Parameters(arity = "1..*", paramLabel = "FILE|URL|-", description = "Pages to extract from.")
    List<String> inputs;

    @Spec
    CommandSpec spec;

    private final ArticleExtractor extractor = new ArticleExtractor();
    private HttpFetcher http;

    ExtractCommand() {
    }

    /** With a given HTTP client instead of one configured from the environment. */
    ExtractCommand(HttpFetcher http) {
        this.http = http;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int exit = 0;
        for (String input : inputs) {
            ObjectNode line;
            try {
                line = extract(input);
            } catch (IOException | FetchException | IllegalArgumentException e) {
                line = Json.mapper().createObjectNode();
                line.put("input", input);
                line.put("error", "could not read " + input + ": " + e.getMessage());
                exit = 1;
            }
            out.println(line);
            out.flush();
        }
        return exit;
    }

    private ObjectNode extract(String input) throws IOException, FetchException {
        byte[] page;
        Charset declared = null;
        String pageUrl = url;
        if (input.startsWith("http://") || input.startsWith("https://")) {
            FetchResponse response = http().get(URI.create(input));
            if (response.status() / 100 != 2) {
                throw new IOException("HTTP status " + response.status() + " from " + response.uri());
            }
            page = response.body();
            declared = response.declaredCharset().orElse(null);
            pageUrl = url != null ? url : response.uri().toString();
        } else if (input.equals("-")) {
            page = ungzip(System.in.readAllBytes());
        } else {
            page = ungzip(Files.readAllBytes(Path.of(input)));
        }
        return line(input, pageUrl, extractor.extract(page, declared, pageUrl));
    }

    private HttpFetcher http() {
        if (http == null) {
            http = new HttpFetcher(HttpFetcher.Options.from(Settings.fromEnvironment()));
        }
        return http;
    }

    /** Gzipped input (by its magic bytes, whatever the file is called) unpacked; other input as it is. */
    static byte[] ungzip(byte[] bytes) throws IOException {
        if (bytes.length < 2 || (bytes[0] & 0xff) != GZIP_MAGIC_1 || (bytes[1] & 0xff) != GZIP_MAGIC_2) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /** Every field on every line, null where the page gave nothing, so that scripts can rely on the shape. */
    private static ObjectNode line(String input, String pageUrl, ExtractedArticle article) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("input", input);
        line.put("url", pageUrl);
        line.put("title", article.title());
        line.put("text", article.text());
        article.authors().forEach(line.putArray("authors")::add);
        line.put("publishedAt", iso(article.publishedAt()));
        line.put("modifiedAt", iso(article.modifiedAt()));
        line.put("language", article.language());
        line.put("canonicalUrl", article.canonicalUrl());
        line.put("imageUrl", article.imageUrl());
        line.put("siteName", article.siteName());
        line.put("section", article.section());
        article.keywords().forEach(line.putArray("keywords")::add);
        line.put("paywalled", article.paywalled());
        ObjectNode provenance = line.putObject("provenance");
        new TreeMap<>(article.provenance()).forEach(provenance::put);
        if (article.warning() != null) {
            line.put("warning", article.warning());
        }
        return line;
    }

    /** The time as written on the page, its offset kept. */
    private static String iso(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
