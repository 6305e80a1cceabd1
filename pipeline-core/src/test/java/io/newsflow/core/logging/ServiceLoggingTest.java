package io.newsflow.core.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Reconfigures the process's logger context, as {@code ServiceRunner} does, and restores it afterwards. */
class ServiceLoggingTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureStdout() {
        // The default format, auto, is JSON here: surefire's stdout is no terminal.
        assumeThat(System.getenv(LogFormat.SETTING)).isNull();
        originalOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() throws Exception {
        if (originalOut == null) {
            return;
        }
        System.setOut(originalOut);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    @Test
    void everyLineNamesTheService() throws Exception {
        ServiceLogging.start("enrich-service");

        LoggerFactory.getLogger(ServiceLoggingTest.class).atInfo().setMessage("enriched")
                .addKeyValue("article.id", "a-1").log();

        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.path("service.name").asText()).isEqualTo("enrich-service");
        assertThat(line.path("message").asText()).isEqualTo("enriched");
        assertThat(line.path("article.id").asText()).isEqualTo("a-1");
    }
}
