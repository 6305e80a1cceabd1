package io.newsflow.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.json.Json;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import io.newsflow.core.http.TrustedCertificates;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

/** Builds the Elasticsearch Java API client over the low-level REST client, with timeouts, credentials and TLS trust. */
public final class ElasticsearchClients {

    /** A node that does not accept a connection in this time is treated as down. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Long enough for a 5 MB bulk on a busy node; a stuck request fails and is retried instead of hanging. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private ElasticsearchClients() {
    }

    public static ElasticsearchClient create(ElasticsearchConnection connection) {
        HttpHost[] hosts = connection.nodes().stream().map(ElasticsearchClients::host).toArray(HttpHost[]::new);
        RestClientBuilder builder = RestClient.builder(hosts)
                .setRequestConfigCallback(config -> config
                        .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                        .setSocketTimeout((int) SOCKET_TIMEOUT.toMillis()));
        if (!connection.pathPrefix().isEmpty()) {
            builder.setPathPrefix(connection.pathPrefix());
        }
        if (connection.apiKey() != null) {
            builder.setDefaultHeaders(new Header[]{new BasicHeader("Authorization", "ApiKey " + connection.apiKey())});
        }
        // Read at start, so that a bad CA file fails the service at once, naming the setting.
        SSLContext tls = connection.caCertificate() == null ? null : trusting(connection.caCertificate());
        builder.setHttpClientConfigCallback(http -> {
            if (connection.apiKey() == null && connection.username() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(connection.username(), connection.password()));
                http.setDefaultCredentialsProvider(credentials);
            }
            if (tls != null) {
                http.setSSLContext(tls);
            }
            return http;
        });
        // A copy: JacksonJsonpMapper reconfigures the mapper it is given, and Json.mapper() is shared by the process.
        JacksonJsonpMapper mapper = new JacksonJsonpMapper(Json.mapper().copy());
        return new ElasticsearchClient(new RestClientTransport(builder.build(), mapper));
    }

    /**
     * The low-level REST client under {@code client}, with its nodes, timeouts, credentials and TLS: for requests whose
     * body is already bytes (bulk), which the API client would copy into a chunked body of its own.
     */
    public static RestClient restClient(ElasticsearchClient client) {
        ElasticsearchTransport transport = client._transport();
        if (transport instanceof RestClientTransport rest) {
            return rest.restClient();
        }
        throw new IllegalArgumentException("expected a client made by ElasticsearchClients.create, got one over "
                + transport.getClass().getName());
    }

    /**
     * A TLS context that trusts the certificates in a PEM file only (usually the cluster's own CA, as Elasticsearch
     * generates it), instead of the JDK's default authorities.
     *
     * @throws InvalidSettingException if the file holds no readable certificate
     */
    static SSLContext trusting(Path caCertificate) {
        try {
            return TrustedCertificates.sslContext(caCertificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException(ElasticsearchConnection.CA_CERT + "=" + caCertificate
                    + " cannot be used: expected a PEM CA certificate (-----BEGIN CERTIFICATE-----), " + e.getMessage());
        }
    }

    private static HttpHost host(URI node) {
        int port = node.getPort() != -1 ? node.getPort() : "https".equals(node.getScheme()) ? 443 : 80;
        return new HttpHost(node.getHost(), port, node.getScheme());
    }
}
