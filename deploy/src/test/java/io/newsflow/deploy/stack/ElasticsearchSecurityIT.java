package io.newsflow.deploy.stack;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.newsflow.core.config.Settings;
import io.newsflow.index.elasticsearch.ElasticsearchClients;
import io.newsflow.index.elasticsearch.ElasticsearchConnection;
import io.newsflow.index.elasticsearch.IndexNames;
import io.newsflow.index.elasticsearch.IndexSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * index-service's Elasticsearch client, configured from the {@code NEWSFLOW_ELASTICSEARCH_*} variables, against a real
 * node with security on and HTTPS. The node is this class's own, on free ports in {@code target/es-security-it}, not
 * the shared stack; its certificate is self-signed, made here with keytool.
 *
 * <p>API keys cannot be tested here: they live in the {@code .security} system index, whose mapping needs the
 * {@code pattern_capture} filter of the analysis-common module, which this minimal distribution lacks
 * ({@code POST /_security/api_key} answers 400 "Unknown filter type [pattern_capture]").
 */
class ElasticsearchSecurityIT {

    private static final String ELASTIC_PASSWORD = "security-it-password";
    private static final String KEYSTORE_PASSWORD = "keystore-it-password";
    private static final Duration SETUP_WAIT = Duration.ofSeconds(20);

    private static ElasticsearchNode node;
    private static Path caCertificate;

    @BeforeAll
    static void startNode() throws Exception {
        Path dir = Path.of("target", "es-security-it").toAbsolutePath();
        FileTrees.delete(dir);
        Path certificates = Files.createDirectories(dir.resolve("certificates"));
        Path keystore = certificates.resolve("http.p12");
        caCertificate = certificates.resolve("http-ca.pem");
        keytool("-genkeypair", "-alias", "http", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "http", "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD,
                "-file", caCertificate.toString());

        ServerVersions versions = ServerVersions.bundled();
        StackOptions defaults = StackOptions.standard();
        int[] ports = Ports.free(2);
        node = new ElasticsearchNode(new ElasticsearchNode.Config(dir.resolve("node"), ports[0], ports[1], "256m",
                Duration.ofSeconds(90), StackArtifacts.locate().elasticsearchZip(versions.elasticsearch()), defaults.installDir(),
                versions.elasticsearch(), defaults.elasticsearchUser(),
                new ElasticsearchNode.HttpsSecurity(keystore, KEYSTORE_PASSWORD, caCertificate, ELASTIC_PASSWORD)));
        node.start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void aUserOverHttpsSetsUpTheIndexAndIndexesADocument() throws IOException {
        ElasticsearchConnection connection = connection(Map.of(
                ElasticsearchConnection.USERNAME, "elastic",
                ElasticsearchConnection.PASSWORD, ELASTIC_PASSWORD,
                ElasticsearchConnection.CA_CERT, caCertificate.toString()));
        IndexNames names = new IndexNames("security-user");
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            new IndexSetup(client, connection, names).install(SETUP_WAIT);

            client.index(i -> i.index(names.writeAlias()).id("article-1").refresh(Refresh.True)
                    .document(Map.of("title", "Harbour reopens")));

            assertThat(client.indices().existsAlias(a -> a.name(names.readAlias())).value()).isTrue();
            assertThat(client.count(c -> c.index(names.readAlias())).count()).isEqualTo(1);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtOnce() throws IOException {
        ElasticsearchConnection connection = connection(Map.of(
                ElasticsearchConnection.USERNAME, "elastic",
                ElasticsearchConnection.PASSWORD, "not-the-password",
                ElasticsearchConnection.CA_CERT, caCertificate.toString()));
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            IndexSetup setup = new IndexSetup(client, connection, new IndexNames("security-wrong-password"));
            // Well within SETUP_WAIT: refused credentials end the setup instead of being waited out.
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> setup.install(SETUP_WAIT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("refused the credentials (HTTP 401)"));
        }
    }

    @Test
    void withoutTheCaCertificateTheTlsHandshakeFails() throws IOException {
        ElasticsearchConnection connection = connection(Map.of(
                ElasticsearchConnection.USERNAME, "elastic",
                ElasticsearchConnection.PASSWORD, ELASTIC_PASSWORD));
        try (ElasticsearchClient client = ElasticsearchClients.create(connection)) {
            assertThatThrownBy(() -> client.cluster().health())
                    .satisfies(failure -> assertThat(causes(failure)).anyMatch(SSLHandshakeException.class::isInstance));
        }
    }

    /** Built the way index-service builds it: from its environment variables. */
    private static ElasticsearchConnection connection(Map<String, String> security) {
        Map<String, String> variables = new HashMap<>(security);
        variables.put(ElasticsearchConnection.URL, node.url().toString());
        return ElasticsearchConnection.from(new Settings(variables));
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Stream.iterate(failure, t -> t != null && !chain.contains(t), Throwable::getCause).forEach(chain::add);
        return chain;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", arguments[0], output).isZero();
    }
}
