package io.newsflow.core.http;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;

/**
 * The pipeline's one HTTP client setup for fetching feeds and pages from publishers.
 * Every fetch has a connect timeout, a total timeout, a body-size cap (checked after gzip decoding too, so a
 * gzip bomb stops at the cap) and a redirect limit. Redirects are followed here rather than by the JDK so that
 * each hop is checked against the address policy: private, loopback and link-local addresses are refused
 * unless {@code allowPrivateAddresses} is set or their network is allow-listed. Every request takes its host's
 * politeness budget ({@link HostBudget}: concurrency and delay per host).
 */
public final class HttpFetcher {

    /**
     * Limits and policy of a fetcher.
     *
     * @param allowedNetworks  private networks fetched even though {@code allowPrivateAddresses} is off, in CIDR
     *                         notation ({@code 127.0.0.2/32}); a redirect to any other private address is refused
     * @param hostConcurrency  requests to one host at a time
     * @param hostDelay        least time between the starts of two requests to one host (zero: none)
     * @param maxCrawlDelay    the longest Crawl-delay of a robots.txt that is kept to ({@link #crawlDelay}); a longer
     *                         one is cut to this
     */
    public record Options(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes, int maxRedirects,
                          boolean allowPrivateAddresses, String userAgent, List<String> allowedNetworks,
                          int hostConcurrency, Duration hostDelay, Duration maxCrawlDelay) {

        public static final String ALLOW_NETWORKS = "NEWSFLOW_FETCH_ALLOW_NETWORKS";
        /** The default of {@link #maxCrawlDelay()}: long enough for the delays sites ask for, short enough that a poll ends. */
        static final Duration MAX_CRAWL_DELAY = Duration.ofSeconds(10);

        public Options {
            allowedNetworks = List.copyOf(allowedNetworks);
            if (hostConcurrency < 1) {
                throw new IllegalArgumentException("hostConcurrency " + hostConcurrency + " must be at least 1");
            }
        }

        /** Options without allow-listed networks nor per-host limits beyond 8 requests at a time. */
        public Options(Duration connectTimeout, Duration requestTimeout, long maxBodyBytes, int maxRedirects,
                       boolean allowPrivateAddresses, String userAgent) {
            this(connectTimeout, requestTimeout, maxBodyBytes, maxRedirects, allowPrivateAddresses, userAgent, List.of(), 8, Duration.ZERO,
                    MAX_CRAWL_DELAY);
        }

        /**
         * From {@code NEWSFLOW_FETCH_CONNECT_TIMEOUT} (10s), {@code NEWSFLOW_FETCH_TIMEOUT} (30s),
         * {@code NEWSFLOW_FETCH_MAX_BYTES} (10485760), {@code NEWSFLOW_FETCH_MAX_REDIRECTS} (5),
         * {@code NEWSFLOW_FETCH_ALLOW_PRIVATE} (false), {@code NEWSFLOW_FETCH_ALLOW_NETWORKS} (none; comma-separated
         * CIDR networks), {@code NEWSFLOW_FETCH_USER_AGENT} and {@code NEWSFLOW_FETCH_CONTACT_URL} (none; appended
         * to the User-Agent so that publishers can reach the operator), {@code NEWSFLOW_FETCH_HOST_CONCURRENCY} (2),
         * {@code NEWSFLOW_FETCH_HOST_DELAY} (500ms) and {@code NEWSFLOW_FETCH_MAX_CRAWL_DELAY} (10s).
         */
        public static Options from(Settings settings) {
            String userAgent = settings.string("NEWSFLOW_FETCH_USER_AGENT", "Newsflow/0.1 (news ingestion; polite polling)");
            String contact = settings.string("NEWSFLOW_FETCH_CONTACT_URL", null);
            if (contact != null && !contact.isBlank()) {
                userAgent = userAgent + " +" + contact.strip();
            }
            String networks = settings.string(ALLOW_NETWORKS, "");
            List<String> allowed = Arrays.stream(networks.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
            try {
                new AddressPolicy(false, allowed);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(ALLOW_NETWORKS + "=" + networks + ": " + e.getMessage());
            }
            return new Options(
                    settings.duration("NEWSFLOW_FETCH_CONNECT_TIMEOUT", Duration.ofSeconds(10)),
                    settings.duration("NEWSFLOW_FETCH_TIMEOUT", Duration.ofSeconds(30)),
                    settings.integer("NEWSFLOW_FETCH_MAX_BYTES", 10 * 1024 * 1024, 1024, Integer.MAX_VALUE),
                    settings.integer("NEWSFLOW_FETCH_MAX_REDIRECTS", 5, 0, 20),
                    settings.bool("NEWSFLOW_FETCH_ALLOW_PRIVATE", false),
                    userAgent,
                    allowed,
                    settings.integer("NEWSFLOW_FETCH_HOST_CONCURRENCY", 2, 1, 64),
                    settings.duration("NEWSFLOW_FETCH_HOST_DELAY", Duration.ofMillis(500)),
                    settings.duration("NEWSFLOW_FETCH_MAX_CRAWL_DELAY", MAX_CRAWL_DELAY));
        }
    }

    private final Options options;
    private final HttpClient client;
    private final AddressPolicy addresses;
    private final HostBudget budget;

    /** @throws IllegalArgumentException if an allowed network is not one */
    public HttpFetcher(Options options) {
        this.options = options;
        this.addresses = new AddressPolicy(options.allowPrivateAddresses(), options.allowedNetworks());
        this.budget = new HostBudget(options.hostConcurrency(), options.hostDelay());
        // HTTP/2 where the server offers it (ALPN over TLS), HTTP/1.1 otherwise.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The User-Agent this fetcher sends, which robots.txt rules are matched against. */
    public String userAgent() {
        return options.userAgent();
    }

    /**
     * Spaces the requests to {@code host} at least {@code delay} apart, as its robots.txt asks with Crawl-delay, where
     * that is longer than the host delay of the options; up to {@link Options#maxCrawlDelay()}. Zero (a robots.txt
     * without Crawl-delay) leaves the host delay of the options.
     *
     * @return the delay kept to from now on, which is shorter than {@code delay} where that exceeds the maximum
     */
    public Duration crawlDelay(String host, Duration delay) {
        Duration kept = delay.compareTo(options.maxCrawlDelay()) > 0 ? options.maxCrawlDelay() : delay;
        budget.delay(host, kept);
        return kept;
    }

    /** GET {@code uri}. */
    public FetchResponse get(URI uri) throws FetchException {
        return get(uri, Map.of());
    }

    /**
     * GET {@code uri} with extra request headers (e.g. {@code If-None-Match}, {@code If-Modified-Since}).
     * Any status is returned as a response; only transport failures, limits and refused addresses throw.
     */
    public FetchResponse get(URI uri, Map<String, String> requestHeaders) throws FetchException {
        URI current = uri;
        Optional<URI> movedTo = Optional.empty();
        boolean allPermanent = true;
        for (int hop = 0; ; hop++) {
            checkAllowed(current);
            HttpResponse<byte[]> response;
            try (HostBudget.Permit ignored = budget.acquire(current.getHost())) {
                response = send(current, requestHeaders);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FetchException(current, FetchException.Reason.INTERRUPTED, "interrupted waiting for the host's politeness budget", e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                if (hop >= options.maxRedirects()) {
                    throw new FetchException(uri, FetchException.Reason.REDIRECTS, "more than " + options.maxRedirects() + " redirects");
                }
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new FetchException(uri, FetchException.Reason.REDIRECTS, "redirect " + status + " without a Location header"));
                current = current.resolve(location.strip());
                allPermanent &= status == 301 || status == 308;
                movedTo = allPermanent ? Optional.of(current) : Optional.empty();
                continue;
            }
            byte[] body = decodedBody(current, response);
            return new FetchResponse(current, status, response.headers(), body, movedTo);
        }
    }

    private HttpResponse<byte[]> send(URI uri, Map<String, String> requestHeaders) throws FetchException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(options.requestTimeout())
                .header("User-Agent", options.userAgent())
                .header("Accept-Encoding", "gzip")
                .GET();
        requestHeaders.forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = client.sendAsync(request.build(), info -> new CappedBodySubscriber(options.maxBodyBytes()));
        } catch (IllegalArgumentException e) {
            throw new FetchException(uri, FetchException.Reason.BAD_URL, "not a fetchable URL: " + e.getMessage(), e);
        }
        // The request timeout of the JDK client covers the headers only; this bounds the whole exchange,
        // so a server that stalls in the middle of the body cannot hold a thread.
        try {
            return exchange.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FetchException(uri, FetchException.Reason.TIMEOUT, "no complete response within " + options.requestTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BodyTooLargeException) {
                throw new FetchException(uri, FetchException.Reason.TOO_LARGE, "response body is over the limit of " + options.maxBodyBytes() + " bytes");
            }
            if (cause instanceof HttpTimeoutException) {
                throw new FetchException(uri, FetchException.Reason.TIMEOUT, "no response within " + options.requestTimeout().toSeconds() + " s", cause);
            }
            throw new FetchException(uri, FetchException.Reason.TRANSPORT, "request failed: " + cause, cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(uri, FetchException.Reason.INTERRUPTED, "interrupted", e);
        }
    }

    private byte[] decodedBody(URI uri, HttpResponse<byte[]> response) throws FetchException {
        boolean gzip = response.headers().firstValue("Content-Encoding")
                .map(v -> v.toLowerCase(Locale.ROOT).contains("gzip")).orElse(false);
        if (!gzip) {
            return response.body();
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (out.size() + (long) n > options.maxBodyBytes()) {
                    throw new FetchException(uri, FetchException.Reason.TOO_LARGE, "gzip-decoded body is over the limit of " + options.maxBodyBytes() + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new FetchException(uri, FetchException.Reason.BAD_ENCODING, "response claims gzip but does not decode: " + e.getMessage(), e);
        }
    }

    private void checkAllowed(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(uri, FetchException.Reason.BAD_URL, "only http and https URLs are fetched");
        }
        if (uri.getHost() == null) {
            throw new FetchException(uri, FetchException.Reason.BAD_URL, "URL has no host");
        }
        if (options.allowPrivateAddresses()) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (!addresses.permits(address)) {
                    throw new FetchException(uri, FetchException.Reason.REFUSED_ADDRESS, "refused to fetch from private address " + address.getHostAddress()
                            + " (set NEWSFLOW_FETCH_ALLOW_PRIVATE=true, or list its network in " + Options.ALLOW_NETWORKS + ", to allow it)");
                }
            }
        } catch (UnknownHostException e) {
            throw new FetchException(uri, FetchException.Reason.UNKNOWN_HOST, "unknown host " + uri.getHost(), e);
        }
    }
}
