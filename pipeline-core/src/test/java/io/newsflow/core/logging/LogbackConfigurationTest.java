package io.newsflow.core.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loads the services' {@code logback.xml} into a logger context of its own (the process's one stays as it is) and
 * reads what it writes to stdout.
 */
class LogbackConfigurationTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private LoggerContext context;

    @BeforeEach
    void captureStdout() {
        originalOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        if (context != null) {
            context.stop();
        }
        System.setOut(originalOut);
    }

    @Test
    void jsonWritesOneEcsObjectPerLineWithTheKeyValuePairs() throws Exception {
        Logger log = configure("json").getLogger("io.newsflow.ingest.feed.FeedPoller");

        log.atInfo().setMessage("polled {}: ok").addArgument("https://example.org/feed")
                .addKeyValue("feed.id", "f-1").addKeyValue("feed.url", "https://example.org/feed")
                .addKeyValue("article.id", "a \"quoted\" id").log();
        log.info("second line");

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("@timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(line.path("log.level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("polled https://example.org/feed: ok");
        assertThat(line.path("service.name").asText()).isEqualTo("ingest-service");
        assertThat(line.path("ecs.version").isTextual()).isTrue();
        assertThat(line.path("log.logger").asText()).isEqualTo("io.newsflow.ingest.feed.FeedPoller");
        assertThat(line.path("feed.id").asText()).isEqualTo("f-1");
        assertThat(line.path("feed.url").asText()).isEqualTo("https://example.org/feed");
        assertThat(line.path("article.id").asText()).isEqualTo("a \"quoted\" id");
        JsonNode plain = new ObjectMapper().readTree(lines.get(1));
        assertThat(plain.has("article.id")).isFalse();
        assertThat(plain.path("message").asText()).isEqualTo("second line");
    }

    @Test
    void jsonWritesAnExceptionIntoTheSameLine() throws Exception {
        Logger log = configure("json").getLogger("test");

        log.warn("poll failed", new IllegalStateException("broken\nfeed"));

        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("error.type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.path("error.message").asText()).isEqualTo("broken\nfeed");
        assertThat(line.path("error.stack_trace").asText()).contains("LogbackConfigurationTest");
    }

    @Test
    void textIsTheHumanReadablePatternWithTheKeyValuePairsAfterTheMessage() throws Exception {
        Logger log = configure("text").getLogger("io.newsflow.enrich.stream.EnrichProcessor");

        log.atInfo().setMessage("enriched").addKeyValue("article.id", "a-1").log();
        log.info("no pairs");

        assertThat(lines()).satisfiesExactly(
                first -> assertThat(first).matches(
                        "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+] i\\.n\\.e\\.s\\.EnrichProcessor - enriched article\\.id=\"a-1\""),
                second -> assertThat(second).endsWith(" - no pairs"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "text"})
    void aGoodFormatConfiguresWithoutWarnings(String format) throws Exception {
        // Logback prints its whole status to stdout after a warning, which would break the one-object-per-line output.
        LoggerContext configured = configure(format);

        assertThat(configured.getStatusManager().getCopyOfStatusList())
                .allSatisfy(status -> assertThat(status.getLevel()).as(status.getMessage()).isEqualTo(Status.INFO));
    }

    @Test
    void aBadFormatIsReportedAndFallsBackToJson() throws Exception {
        LoggerContext configured = configure("xml");

        configured.getLogger("test").info("still logged");

        assertThat(configured.getStatusManager().getCopyOfStatusList())
                .anySatisfy(status -> {
                    assertThat(status.getLevel()).isEqualTo(Status.ERROR);
                    assertThat(status.getMessage()).contains("NEWSFLOW_LOG_FORMAT=xml is not valid");
                });
        assertThat(new ObjectMapper().readTree(lines().get(0)).path("message").asText()).isEqualTo("still logged");
    }

    private LoggerContext configure(String format) throws JoranException {
        context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty(LogFormat.SETTING, format);
        context.putProperty(ServiceLogging.SERVICE_NAME, "ingest-service");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        return context;
    }

    private List<String> lines() {
        return stdout.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
