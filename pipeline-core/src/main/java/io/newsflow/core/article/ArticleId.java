package io.newsflow.core.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The article id of the contract: a stable hash of the normalised canonical URL.
 * Two URLs that differ only in tracking parameters, fragment, host case, default port, a trailing slash or
 * query-parameter order name the same article and so get the same id.
 */
public final class ArticleId {

    private static final Set<String> TRACKING_PARAMETERS = Set.of(
            "fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid",
            "ref", "ref_src", "cmpid", "ncid", "ocid", "sr_share", "_ga", "_gl", "guccounter");
    private static final Pattern WELL_FORMED = Pattern.compile("[0-9a-f]{32}");

    private ArticleId() {
    }

    /** The id of the article at {@code url}: 32 lowercase hex characters. */
    public static String of(String url) {
        return hash(normalise(url));
    }

    /** Whether {@code id} has the form of an article id (32 lowercase hex characters), as the schemas require. */
    public static boolean isWellFormed(String id) {
        return WELL_FORMED.matcher(id).matches();
    }

    /**
     * The URL in normal form: lowercase scheme and host, no default port, no fragment,
     * no tracking parameters ({@code utm_*} and the usual click ids), remaining parameters sorted.
     *
     * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
     */
    public static String normalise(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL: " + url);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // "/news/a/" and "/news/a" are one page on virtually every news site; the root stays "/".
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }

        StringBuilder out = new StringBuilder(scheme).append("://").append(host);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(path);
        String query = normaliseQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    private static String normaliseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
                kept.add(pair);
            }
        }
        kept.sort(null);
        return String.join("&", kept);
    }

    private static String hash(String normalisedUrl) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalisedUrl.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
