package io.newsflow.ingest.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The charset of a page's bytes. Declarations are often wrong (a server says ISO-8859-1 for a UTF-8 page, a page
 * says UTF-8 and is Windows-1252), so the bytes have the last word:
 * <ol>
 *   <li>a byte order mark decides;</li>
 *   <li>bytes that are valid UTF-8 and not plain ASCII are UTF-8, whatever was declared (other encodings almost
 *       never form valid multi-byte UTF-8 sequences by chance);</li>
 *   <li>else the HTTP header's charset, then the page's {@code <meta charset>} or {@code http-equiv} declaration,
 *       each unless it says UTF-8 over bytes that are not (ISO-8859-1 is read as Windows-1252, as browsers do);</li>
 *   <li>else Windows-1252, the browsers' default for undeclared pages (a superset of ISO-8859-1).</li>
 * </ol>
 */
public final class PageCharset {

    /** Where the page declares its charset: within its first bytes, as browsers look for it. */
    private static final int META_SCAN_BYTES = 4096;
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.()+-]+)", Pattern.CASE_INSENSITIVE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /**
     * A page's text, the charset it was read with and why that one.
     *
     * @param source "bom", "content", "http", "meta" or "default"
     */
    public record Decoded(String text, Charset charset, String source) {
    }

    private PageCharset() {
    }

    /**
     * @param bytes    the page
     * @param declared the charset of the HTTP response's {@code Content-Type}, or null
     */
    public static Decoded decode(byte[] bytes, Charset declared) {
        Charset bom = bom(bytes);
        if (bom != null) {
            int skip = bom.equals(StandardCharsets.UTF_8) ? 3 : 2;
            return new Decoded(new String(bytes, skip, bytes.length - skip, bom), bom, "bom");
        }
        String utf8 = strictUtf8(bytes);
        if (utf8 != null && utf8.length() != bytes.length) {
            return new Decoded(utf8, StandardCharsets.UTF_8, "content");
        }
        Charset http = declared == null ? null : browserCharset(declared);
        if (http != null && !(utf8 == null && http.equals(StandardCharsets.UTF_8))) {
            return new Decoded(new String(bytes, http), http, "http");
        }
        Charset meta = metaCharset(bytes);
        if (meta != null && !(utf8 == null && meta.equals(StandardCharsets.UTF_8))) {
            return new Decoded(new String(bytes, meta), meta, "meta");
        }
        return utf8 != null ? new Decoded(utf8, StandardCharsets.UTF_8, "default")
                : new Decoded(new String(bytes, WINDOWS_1252), WINDOWS_1252, "default");
    }

    private static Charset bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /** The bytes as UTF-8, or null if they are not valid UTF-8. */
    private static String strictUtf8(byte[] bytes) {
        // The lenient decoder is the JDK's fastest path; it marks bad bytes with U+FFFD, which valid pages rarely hold.
        String lenient = new String(bytes, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Browsers read a declared ISO-8859-1 or ASCII as Windows-1252; pages rely on it for curly quotes and dashes. */
    private static Charset browserCharset(Charset charset) {
        return charset.equals(StandardCharsets.ISO_8859_1) || charset.equals(StandardCharsets.US_ASCII) ? WINDOWS_1252 : charset;
    }

    private static Charset metaCharset(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher matcher = META_CHARSET.matcher(head);
        if (!matcher.find()) {
            return null;
        }
        String name = matcher.group(1).toLowerCase(Locale.ROOT);
        try {
            return browserCharset(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
