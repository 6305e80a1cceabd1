package io.newsflow.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.core.http.HttpFetcher;
import io.newsflow.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExtractCommandTest {

    private static final String PAGE = """
            <html lang="en"><head><title>Bridge | News</title>
            <meta property="og:title" content="Bridge to be rebuilt"><meta property="og:image" content="/img/bridge.jpg">
            <meta property="article:published_time" content="2024-05-14T08:00:00+02:00"><meta name="author" content="Ann Lee">
            </head><body><nav><a href="/">Home</a></nav><article><h1>Bridge to be rebuilt</h1>
            <p>The city council voted on Tuesday to rebuild the old harbour bridge, closed since the spring floods.</p>
            <p>Work is expected to start in the autumn and should take two years.</p></article></body></html>
            """;

    record Result(int exit, List<JsonNode> lines) {
    }

    private static Result run(CommandLine.IFactory factory, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = factory == null ? new CommandLine(new ExtractCommand()) : new CommandLine(ExtractCommand.class, factory);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        int exit = cli.execute(args);
        List<JsonNode> lines = out.toString().lines().map(line -> Json.fromString(line, JsonNode.class)).toList();
        return new Result(exit, lines);
    }

    private static Result run(String... args) {
        return run(null, args);
    }

    @Test
    void prints_one_json_object_per_file_with_every_field(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("a.html"), PAGE);
        Path gzipped = dir.resolve("b.html.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(PAGE.getBytes(StandardCharsets.UTF_8));
        }

        Result result = run("--url", "https://news.example/local/bridge", plain.toString(), gzipped.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.lines()).hasSize(2);
        for (JsonNode line : result.lines()) {
            assertThat(line.fieldNames()).toIterable().containsExactly("input", "url", "title", "text", "authors",
                    "publishedAt", "modifiedAt", "language", "canonicalUrl", "imageUrl", "siteName", "section",
                    "keywords", "paywalled", "provenance");
            assertThat(line.get("title").asText()).isEqualTo("Bridge to be rebuilt");
            assertThat(line.get("text").asText()).isEqualTo("The city council voted on Tuesday to rebuild the old harbour bridge, "
                    + "closed since the spring floods.\n\nWork is expected to start in the autumn and should take two years.");
            assertThat(line.get("publishedAt").asText()).isEqualTo("2024-05-14T08:00+02:00");
            assertThat(line.get("imageUrl").asText()).isEqualTo("https://news.example/img/bridge.jpg");
            assertThat(line.get("url").asText()).isEqualTo("https://news.example/local/bridge");
            assertThat(line.get("section").asText()).isEqualTo("local");
            assertThat(line.get("provenance").get("title").asText()).isEqualTo("opengraph");
            assertThat(line.get("modifiedAt").isNull()).isTrue();
        }
        assertThat(result.lines().get(1).get("input").asText()).isEqualTo(gzipped.toString());
    }

    @Test
    void a_page_without_an_article_is_read_with_a_warning_and_exit_zero(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("video.html"), "<html><head><title>Video</title></head><body><video></video></body></html>");

        Result result = run(empty.toString());

        assertThat(result.exit()).isZero();
        assertThat(result.lines().get(0).get("text").asText()).isEmpty();
        assertThat(result.lines().get(0).get("warning").asText()).contains("no main text");
    }

    @Test
    void an_input_that_cannot_be_read_gets_an_error_line_and_exit_one(@TempDir Path dir) throws IOException {
        Path good = Files.writeString(dir.resolve("a.html"), PAGE);

        Result result = run(dir.resolve("missing.html").toString(), good.toString());

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.lines().get(0).get("error").asText()).contains("missing.html");
        assertThat(result.lines().get(1).get("title").asText()).isEqualTo("Bridge to be rebuilt");
    }

    @Test
    void reads_standard_input_for_a_dash() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(PAGE.getBytes(StandardCharsets.UTF_8)));
            Result result = run("-");
            assertThat(result.exit()).isZero();
            assertThat(result.lines().get(0).get("input").asText()).isEqualTo("-");
            assertThat(result.lines().get(0).get("title").asText()).isEqualTo("Bridge to be rebuilt");
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void fetches_urls_with_the_pipeline_http_client_which_refuses_loopback_by_default() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Charset latin1 = StandardCharsets.ISO_8859_1;
        server.createContext("/story", exchange -> {
            byte[] body = PAGE.replace("autumn", "automne à Noël").getBytes(latin1);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=ISO-8859-1");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/story";

            Result refused = run(url);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.lines().get(0).get("error").asText()).contains(url);

            HttpFetcher allowing = new HttpFetcher(new HttpFetcher.Options(Duration.ofSeconds(5), Duration.ofSeconds(10),
                    1_000_000, 2, true, "newsflow-test"));
            Result fetched = run(new CommandLine.IFactory() {
                @Override
                @SuppressWarnings("unchecked")
                public <K> K create(Class<K> type) throws Exception {
                    return type == ExtractCommand.class ? (K) new ExtractCommand(allowing) : CommandLine.defaultFactory().create(type);
                }
            }, url);
            assertThat(fetched.exit()).isZero();
            assertThat(fetched.lines().get(0).get("url").asText()).isEqualTo(url);
            assertThat(fetched.lines().get(0).get("text").asText()).contains("automne à Noël");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void gzip_is_recognised_by_its_bytes_not_its_name() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write("<p>x</p>".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(new String(ExtractCommand.ungzip(bytes.toByteArray()), StandardCharsets.UTF_8)).isEqualTo("<p>x</p>");
        assertThat(ExtractCommand.ungzip("<p>y</p>".getBytes(StandardCharsets.UTF_8))).asString().isEqualTo("<p>y</p>");
    }
}
