package io.newsflow.ingest.fetch;

import java.net.URI;
import java.nio.charset.Charset;

/**
 * An article page as fetched.
 *
 * @param uri     where the page was finally fetched from, after redirects
 * @param body    the page bytes
 * @param charset the charset the response declared, or null (the page's own declaration decides)
 */
public record FetchedPage(URI uri, byte[] body, Charset charset) {
}
