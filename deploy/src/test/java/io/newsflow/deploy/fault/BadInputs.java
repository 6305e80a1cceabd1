package io.newsflow.deploy.fault;

import io.newsflow.deploy.fault.MisbehavingSite.Body;
import io.newsflow.deploy.fault.MisbehavingSite.Endless;
import io.newsflow.deploy.fault.MisbehavingSite.Raw;
import io.newsflow.deploy.fault.MisbehavingSite.Reset;
import io.newsflow.deploy.fault.MisbehavingSite.Response;
import io.newsflow.deploy.fault.MisbehavingSite.Stall;
import io.newsflow.deploy.fault.MisbehavingSite.Trickle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Turns the corpus's cases into what the misbehaving site serves and what the test producers send. Inputs too large to
 * keep in the repository are generated here; the 1 GiB bodies are generated while they are sent and never held.
 */
final class BadInputs {

    static final Set<String> GENERATORS = Set.of(
            "quadratic-blowup", "huge-title", "deep-xml", "many-items",
            "gzip-bomb", "one-gigabyte", "one-gigabyte-chunked",
            "deep-html", "million-links", "ten-mb-line", "huge-attribute",
            "empty", "null", "deep-json", "long-number", "over-topic-limit",
            "immense-url", "immense-author", "pathological-text");

    static final Set<String> SERVE = Set.of("stall", "reset", "trickle", "trickle-slow", "redirect-loop", "redirect-chain",
            "redirect-without-location", "redirect-to-file", "redirect-self", "status-500", "status-429", "status-404",
            "short-body", "not-http");

    private static final long GIB = 1L << 30;
    private static final String FEED_TYPE = "application/rss+xml";
    private static final String PAGE_TYPE = "text/html";
    private static byte[] gzipBomb;

    private BadInputs() {
    }

    /** A one-item RSS feed whose item links to {@code base}/page: the feed of every page case. */
    static String feedLinkingOnePage(String base) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Page corpus</title><link>%1$s</link><description>pages</description>
                  <item><title>Harbour page item</title><link>%1$s/page</link>
                    <description>Text of the harbour page item from the feed.</description>
                    <pubDate>Wed, 27 Nov 2024 09:30:00 +0200</pubDate></item>
                </channel></rss>
                """.formatted(base);
    }

    /** A clean article page, for the items of the feed cases. */
    static String goodPage(int n) {
        return """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>Harbour item %1$d</title></head><body><article>
                <h1>Harbour item %1$d</h1><p>The harbour authority said on Tuesday that pier %1$d will open next spring.</p>
                <p>Fishermen welcomed the news.</p></article></body></html>
                """.formatted(n);
    }

    /**
     * What the site answers for the case's own path ({@code /c/<id>/feed} for feed cases, {@code /c/<id>/page} for page
     * cases); {@code base} is {@code http://host:port/c/<id>}, which replaces {@code {{base}}} in the input.
     */
    static Response response(BadInputCase c, String base, String self) {
        String type = c.contentType() != null ? c.contentType() : c.stage().equals("page") ? PAGE_TYPE : FEED_TYPE;
        if (c.serve() != null) {
            return served(c, base, self, type);
        }
        if (c.generate() != null) {
            return switch (c.generate()) {
                case "gzip-bomb" -> new Body(200, Map.of("Content-Type", type, "Content-Encoding", "gzip"), gzipBomb());
                case "one-gigabyte" -> new Endless(type, "<item>1 GiB</item>\n".getBytes(StandardCharsets.US_ASCII), GIB, false);
                case "one-gigabyte-chunked" -> new Endless(type, "<item>1 GiB</item>\n".getBytes(StandardCharsets.US_ASCII), GIB, true);
                default -> body(type, c.contentEncoding(), generated(c.generate(), base));
            };
        }
        return body(type, c.contentEncoding(), withBase(c.inputBytes(), base));
    }

    private static Response served(BadInputCase c, String base, String self, String type) {
        return switch (c.serve()) {
            case "stall" -> new Stall();
            case "reset" -> new Reset();
            case "trickle" -> new Trickle(Map.of("Content-Type", type), withBase(c.inputBytes(), base), Duration.ofMillis(2));
            case "trickle-slow" -> new Trickle(Map.of("Content-Type", type), withBase(c.inputBytes(), base), Duration.ofMillis(200));
            // The loop's second hop is routed by the test: see loopPartner.
            case "redirect-loop" -> MisbehavingSite.redirect(302, base + "/loop");
            case "redirect-chain" -> MisbehavingSite.redirect(302, base + "/hop/1");
            case "redirect-without-location" -> new Body(302, Map.of(), new byte[0]);
            case "redirect-to-file" -> MisbehavingSite.redirect(302, "file:///etc/passwd");
            case "redirect-self" -> MisbehavingSite.redirect(301, self);
            case "status-500" -> new Body(500, Map.of("Content-Type", "text/plain"), "boom".getBytes(StandardCharsets.US_ASCII));
            case "status-429" -> new Body(429, Map.of("Retry-After", "3600"), new byte[0]);
            case "status-404" -> new Body(404, Map.of("Content-Type", "text/plain"), "gone".getBytes(StandardCharsets.US_ASCII));
            case "short-body" -> new Raw(("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: 100000\r\n\r\n"
                    + "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>cut</title>").getBytes(StandardCharsets.US_ASCII));
            case "not-http" -> new Raw("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
            default -> throw new IllegalArgumentException("case " + c.id() + ": unknown serve " + c.serve());
        };
    }

    private static Body body(String type, String encoding, byte[] body) {
        return encoding == null ? new Body(200, Map.of("Content-Type", type), body)
                : new Body(200, Map.of("Content-Type", type, "Content-Encoding", encoding), body);
    }

    /** The bytes of a generated feed, page or record. */
    static byte[] generated(String generator, String base) {
        return switch (generator) {
            case "quadratic-blowup" -> utf8("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"" + "A".repeat(50_000) + "\">]>\n"
                    + oneItemFeed(base, "&a;".repeat(20_000)));
            case "huge-title" -> utf8(oneItemFeed(base, "long title ".repeat(20_000)));
            case "deep-xml" -> utf8(oneItemFeed(base, "<x>".repeat(100_000) + "deep" + "</x>".repeat(100_000)));
            case "many-items" -> {
                StringBuilder feed = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>many</title>");
                for (int i = 0; i < 100_000; i++) {
                    feed.append("<item><title>no link ").append(i).append("</title><description>d</description></item>\n");
                }
                yield utf8(feed.append("</channel></rss>").toString());
            }
            case "deep-html" -> utf8(page("<div>".repeat(200_000) + "<p>The harbour authority said the pier opens.</p>" + "</div>".repeat(200_000)));
            // 10 bytes a link: a million of them stay under the default 10 MiB body cap, so the page reaches extraction.
            case "million-links" -> utf8(page("<p>Links:</p>" + "<a href=/>".repeat(1_000_000)));
            case "ten-mb-line" -> utf8(page("<p>" + "harbour pier spring ".repeat(500_000) + "</p>").replace("\n", ""));
            case "huge-attribute" -> utf8(page("<div data-x=\"" + "x".repeat(2_000_000) + "\"><article><h1>Corpus page</h1>"
                    + "<p>The harbour authority said on Tuesday that the new pier will open next spring, after two years of work.</p>"
                    + "<p>Fishermen welcomed the news.</p></article></div>"));
            case "empty" -> new byte[0];
            case "deep-json" -> utf8("[".repeat(100_000) + "]".repeat(100_000));
            case "long-number" -> utf8("{\"schemaVersion\":" + "9".repeat(5_000) + "}");
            case "over-topic-limit" -> {
                byte[] random = new byte[3 * 1024 * 1024];
                new Random(42).nextBytes(random);
                yield random;
            }
            default -> throw new IllegalArgumentException("no generator " + generator + " for bytes");
        };
    }

    private static String oneItemFeed(String base, String title) {
        return "<rss version=\"2.0\"><channel><title>generated</title><link>" + base + "</link><description>g</description>"
                + "<item><title>Item " + title + "</title><link>" + base + "/page/1</link><description>Generated item.</description></item>"
                + "</channel></rss>\n";
    }

    private static String page(String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Corpus page</title></head><body>" + body + "</body></html>\n";
    }

    private static synchronized byte[] gzipBomb() {
        if (gzipBomb == null) {
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 1024; i++) {
                    gzip.write(zeros);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            gzipBomb = compressed.toByteArray();
        }
        return gzipBomb;
    }

    /** {@code input} with {@code {{id}}} replaced by an article id: each run's records are its own. */
    static byte[] withId(byte[] input, String id) {
        return new String(input, StandardCharsets.ISO_8859_1).replace("{{id}}", id).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code input} with {@code {{base}}} replaced, in the input's own encoding (the corpus has 8-bit and UTF-16 files). */
    static byte[] withBase(byte[] input, String base) {
        // ISO-8859-1 maps every byte to one char and back, so the 8-bit and UTF-16LE forms are both plain string replaces.
        String bytes = new String(input, StandardCharsets.ISO_8859_1)
                .replace("{{base}}", base)
                .replace(utf16le("{{base}}"), utf16le(base));
        return bytes.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String utf16le(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
