package io.newsflow.index.elasticsearch;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Elasticsearch is and how to authenticate. Credentials are optional (a cluster with security off needs none)
 * and never appear in {@link #toString()} or in messages.
 *
 * @param nodes      one or more node URLs, all with the same scheme and path prefix
 * @param pathPrefix path prefix shared by the node URLs (behind a proxy), or empty
 * @param username   basic-auth user, or null
 * @param password   basic-auth password, or null
 * @param apiKey     API key (the base64 {@code id:key} form Elasticsearch hands out), or null
 * @param caCertificate PEM file with the certificate(s) that sign the nodes' HTTPS certificates, or null to trust the
 *                      JDK's default authorities
 */
public record ElasticsearchConnection(List<URI> nodes, String pathPrefix, String username, String password, String apiKey,
                                      Path caCertificate) {

    public static final String URL = "NEWSFLOW_ELASTICSEARCH_URL";
    public static final String USERNAME = "NEWSFLOW_ELASTICSEARCH_USERNAME";
    public static final String PASSWORD = "NEWSFLOW_ELASTICSEARCH_PASSWORD";
    public static final String API_KEY = "NEWSFLOW_ELASTICSEARCH_API_KEY";
    public static final String CA_CERT = "NEWSFLOW_ELASTICSEARCH_CA_CERT";

    public ElasticsearchConnection {
        nodes = List.copyOf(nodes);
    }

    public static ElasticsearchConnection from(Settings settings) {
        String urls = settings.string(URL, "http://localhost:9200");
        List<URI> nodes = new ArrayList<>();
        String pathPrefix = null;
        for (String url : urls.split(",")) {
            URI node = parseNode(url.strip());
            String path = node.getPath() == null || node.getPath().equals("/") ? "" : node.getPath().replaceAll("/+$", "");
            if (pathPrefix != null && !pathPrefix.equals(path)) {
                throw new InvalidSettingException(URL + "=" + urls + " mixes path prefixes: all nodes must share one");
            }
            pathPrefix = path;
            nodes.add(node);
        }
        String username = settings.string(USERNAME, null);
        String password = settings.string(PASSWORD, null);
        String apiKey = settings.string(API_KEY, null);
        if ((username == null) != (password == null)) {
            throw new InvalidSettingException(USERNAME + " and " + PASSWORD + " go together: set both or neither");
        }
        if (username != null && apiKey != null) {
            throw new InvalidSettingException("set either " + API_KEY + " or " + USERNAME + "/" + PASSWORD + ", not both");
        }
        return new ElasticsearchConnection(nodes, pathPrefix, username, password, apiKey, caCertificate(settings, nodes));
    }

    private static Path caCertificate(Settings settings, List<URI> nodes) {
        String location = settings.string(CA_CERT, null);
        if (location == null) {
            return null;
        }
        if (nodes.stream().noneMatch(node -> "https".equals(node.getScheme()))) {
            throw new InvalidSettingException(CA_CERT + " is set but " + URL + " has no https:// node: use https, or unset it");
        }
        Path path = Path.of(location);
        if (!Files.isReadable(path)) {
            throw new InvalidSettingException(CA_CERT + "=" + location + " is not a readable file: expected a PEM CA certificate");
        }
        return path;
    }

    private static URI parseNode(String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new URISyntaxException(url, "expected http(s)://host[:port][/prefix]");
            }
            return uri;
        } catch (URISyntaxException e) {
            String shown = url.contains("@") ? "(a URL with credentials in it)" : url;
            throw new InvalidSettingException(URL + "=" + shown + " is not valid: expected a comma-separated list of "
                    + "http(s)://host[:port] URLs (credentials go in " + USERNAME + "/" + PASSWORD + " or " + API_KEY + ")");
        }
    }

    /** The node URLs as given, for messages. */
    public String describe() {
        return String.join(",", nodes.stream().map(URI::toString).toList());
    }

    @Override
    public String toString() {
        String auth = apiKey != null ? "api-key" : username != null ? "basic(" + username + ")" : "none";
        return "ElasticsearchConnection[nodes=" + describe() + ", auth=" + auth
                + (caCertificate == null ? "" : ", caCertificate=" + caCertificate) + "]";
    }
}
