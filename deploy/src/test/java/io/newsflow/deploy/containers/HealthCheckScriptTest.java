package io.newsflow.deploy.containers;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The images' health check script, run with bash against a loopback HTTP server like the services' status server. */
class HealthCheckScriptTest {

    private HttpServer server;

    @BeforeEach
    void startStatusServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health/live", exchange -> answer(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/health/ready", exchange -> answer(exchange, 503, "{\"status\":\"DOWN\"}"));
        server.start();
    }

    @AfterEach
    void stopStatusServer() {
        server.stop(0);
    }

    @Test
    void succeedsOnlyWhenThePathAnswers200() throws Exception {
        int port = server.getAddress().getPort();

        assertThat(healthCheck(port, "/health/live")).isZero();
        assertThat(healthCheck(port, "/health/ready")).isEqualTo(1);
        assertThat(healthCheck(port, "/metrics")).as("404").isEqualTo(1);
    }

    @Test
    void failsWhenNothingListens() throws Exception {
        int port = server.getAddress().getPort();
        server.stop(0);

        assertThat(healthCheck(port, "/health/live")).isEqualTo(1);
    }

    private static int healthCheck(int port, String path) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", DeployFiles.HEALTH_CHECK.toString(), path).redirectErrorStream(true);
        builder.environment().put("NEWSFLOW_HTTP_PORT", String.valueOf(port));
        Process process = builder.start();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("health check of %s finished", path).isTrue();
        return process.exitValue();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
