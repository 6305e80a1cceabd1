package io.newsflow.ingest.feed;

import org.jsoup.nodes.Entities;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a feed document as publishers really serve it into text an XML parser accepts, or recognises JSON.
 * <ul>
 *   <li>Characters: a BOM decides; else valid UTF-8 is read as UTF-8 whatever is declared (a multi-byte UTF-8 sequence
 *       is almost never meant as Latin-1); else the encoding the XML declaration names, else the Content-Type's, if
 *       the bytes are valid in it; else mostly valid UTF-8 as UTF-8; else windows-1251 when the text has runs of
 *       upper-half letters (Cyrillic words), windows-1252 otherwise: both decode every byte.</li>
 *   <li>Whatever comes before the first {@code <} (garbage, blank lines, a PHP warning) is dropped; so are the XML
 *       declaration (the text is decoded already) and any DOCTYPE with its internal subset, without reading it: no
 *       DTD is loaded and no entity of the document is ever declared, so neither XXE nor billion laughs can happen
 *       (RSS 0.91's DOCTYPE names a DTD that only declares HTML entities, handled next).</li>
 *   <li>Entities: the five of XML and numeric references to allowed characters are kept; an HTML entity
 *       ({@code &nbsp;}, {@code &lsquo;}) becomes its numeric reference; anything else (a bare {@code &}, an unknown
 *       name) is escaped as {@code &amp;}. CDATA sections and comments are left as they are.</li>
 *   <li>Characters XML 1.0 forbids (control characters, lone surrogates) are removed.</li>
 * </ul>
 */
final class FeedRepair {

    private static final Pattern XML_DECLARATION = Pattern.compile("^<\\?xml[^>]*\\?>");
    private static final Pattern DECLARED_ENCODING = Pattern.compile("^<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern KNOWN_ROOT = Pattern.compile("<(?:!DOCTYPE|rss|feed|(?:rdf:)?RDF|urlset|sitemapindex)[\\s>]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAMED = Pattern.compile("&([A-Za-z][A-Za-z0-9]{0,31});");
    private static final Pattern NUMERIC = Pattern.compile("&#(?:([0-9]{1,7})|[xX]([0-9a-fA-F]{1,6}));");

    private FeedRepair() {
    }

    /** Whether the body is JSON (after a BOM and white space), as a JSON Feed is. */
    static boolean isJson(byte[] body) {
        int i = startsWithUtf8Bom(body) ? 3 : 0;
        while (i < body.length && Character.isWhitespace(body[i])) {
            i++;
        }
        return i < body.length && body[i] == '{';
    }

    /** The body as text, decoded as described above. */
    static String decode(byte[] body, String contentType) {
        if (startsWithUtf8Bom(body)) {
            return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE);
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe) {
            return new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE);
        }
        Optional<String> strictUtf8 = strictly(body, StandardCharsets.UTF_8);
        if (strictUtf8.isPresent()) {
            return strictUtf8.get();
        }
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1).stripLeading();
        Matcher declared = DECLARED_ENCODING.matcher(head);
        for (String name : new String[] {declared.find() ? declared.group(1) : null, charsetOf(contentType)}) {
            Optional<String> text = charset(name).filter(c -> !c.equals(StandardCharsets.UTF_8)).flatMap(charset -> strictly(body, charset));
            if (text.isPresent()) {
                return text.get();
            }
        }
        // Undeclared, or declared UTF-8 but not valid: mostly valid UTF-8 with a few bad bytes stays UTF-8 (the bad
        // bytes become U+FFFD); else a single-byte Windows code page: Cyrillic when letters of the upper half come in
        // runs, as words of a Cyrillic text do (accented Latin letters stand alone between ASCII ones).
        if (validUtf8Sequences(body) > invalidUtf8Bytes(body)) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return new String(body, Charset.forName(hasUpperHalfRuns(body) ? "windows-1251" : "windows-1252"));
    }

    private static int validUtf8Sequences(byte[] b) {
        return utf8Counts(b)[0];
    }

    private static int invalidUtf8Bytes(byte[] b) {
        return utf8Counts(b)[1];
    }

    /** {valid multi-byte sequences, bytes that start no valid sequence}. */
    private static int[] utf8Counts(byte[] b) {
        int valid = 0;
        int invalid = 0;
        int i = 0;
        while (i < b.length) {
            int lead = b[i] & 0xff;
            int length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
            if (length == 1) {
                i++;
                continue;
            }
            boolean ok = length > 0 && i + length <= b.length;
            for (int k = 1; ok && k < length; k++) {
                ok = (b[i + k] & 0xc0) == 0x80;
            }
            if (ok) {
                valid++;
                i += length;
            } else {
                invalid++;
                i++;
            }
        }
        return new int[] {valid, invalid};
    }

    private static boolean hasUpperHalfRuns(byte[] b) {
        int run = 0;
        for (byte x : b) {
            run = (x & 0xff) >= 0xc0 ? run + 1 : 0;
            if (run >= 4) {
                return true;
            }
        }
        return false;
    }

    /** The decoded document repaired into well-formed-enough XML. */
    static String repair(String text) {
        int start = documentStart(text);
        String s = start < 0 ? "" : text.substring(start);
        s = XML_DECLARATION.matcher(s).replaceFirst("");
        s = withoutDoctype(s);
        return withValidCharactersAndEntities(s);
    }

    /**
     * Where the document begins: at its XML declaration, else at the root element of a known format, else at the
     * first {@code <}. Garbage before it may hold tags itself, as a PHP warning's {@code <br />} does.
     */
    private static int documentStart(String text) {
        int declaration = text.indexOf("<?xml");
        if (declaration >= 0) {
            return declaration;
        }
        Matcher root = KNOWN_ROOT.matcher(text);
        return root.find() ? root.start() : text.indexOf('<');
    }

    private static String withoutDoctype(String s) {
        int at = doctypeStart(s);
        if (at < 0) {
            return s;
        }
        int depth = 0;
        char quote = 0;
        for (int i = at + 9; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '>' && depth <= 0) {
                return s.substring(0, at) + s.substring(i + 1);
            }
        }
        return s.substring(0, at); // an unterminated DOCTYPE swallows the rest; the parser then reports no root element
    }

    private static String withValidCharactersAndEntities(String s) {
        StringBuilder out = new StringBuilder(s.length() + 64);
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("<![CDATA[", i)) {
                i = copyThrough(s, i, "]]>", out);
                continue;
            }
            if (s.startsWith("<!--", i)) {
                i = copyThrough(s, i, "-->", out);
                continue;
            }
            char c = s.charAt(i);
            if (c == '&') {
                i = entity(s, i, out);
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (isXmlChar(c)) {
                out.append(c);
            }
            i++;
        }
        return out.toString();
    }

    /** Copies from {@code from} through the end marker, dropping forbidden characters; returns where to go on. */
    private static int copyThrough(String s, int from, String end, StringBuilder out) {
        int stop = s.indexOf(end, from);
        int to = stop < 0 ? s.length() : stop + end.length();
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (isXmlChar(c) || Character.isSurrogate(c)) {
                out.append(c);
            }
        }
        return to;
    }

    private static int entity(String s, int at, StringBuilder out) {
        String rest = s.substring(at, Math.min(s.length(), at + 40));
        Matcher numeric = NUMERIC.matcher(rest);
        if (numeric.lookingAt()) {
            int code;
            try {
                code = numeric.group(1) != null ? Integer.parseInt(numeric.group(1)) : Integer.parseInt(numeric.group(2), 16);
            } catch (NumberFormatException e) {
                code = -1;
            }
            if (isXmlCodePoint(code)) {
                out.append(numeric.group());
            }
            return at + numeric.end();
        }
        Matcher named = NAMED.matcher(rest);
        if (named.lookingAt()) {
            String name = named.group(1);
            switch (name) {
                case "amp", "lt", "gt", "quot", "apos" -> out.append(named.group());
                default -> {
                    String value = Entities.isNamedEntity(name) ? Entities.getByName(name) : "";
                    if (value.isEmpty()) {
                        out.append("&amp;").append(name).append(';');
                    } else {
                        value.codePoints().forEach(cp -> out.append("&#").append(cp).append(';'));
                    }
                }
            }
            return at + named.end();
        }
        out.append("&amp;");
        return at + 1;
    }

    private static boolean isXmlChar(char c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
    }

    private static boolean isXmlCodePoint(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    private static boolean startsWithUtf8Bom(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf;
    }

    /** Where the DOCTYPE starts, looking only before the root element (where XML allows it); -1 without one. */
    private static int doctypeStart(String s) {
        for (int i = s.indexOf('<'); i >= 0 && i + 1 < s.length(); i = s.indexOf('<', i + 1)) {
            if (s.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                return i;
            }
            if (Character.isLetter(s.charAt(i + 1))) {
                return -1;
            }
        }
        return -1;
    }

    /** The local name of the root element, lowercase, or "" if there is none. */
    static String rootName(String xml) {
        for (int i = xml.indexOf('<'); i >= 0 && i + 1 < xml.length(); i = xml.indexOf('<', i + 1)) {
            if (Character.isLetter(xml.charAt(i + 1))) {
                int end = i + 1;
                while (end < xml.length() && !Character.isWhitespace(xml.charAt(end)) && xml.charAt(end) != '>' && xml.charAt(end) != '/') {
                    end++;
                }
                String name = xml.substring(i + 1, end);
                return name.substring(name.indexOf(':') + 1).toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    private static Optional<String> strictly(byte[] body, Charset charset) {
        try {
            return Optional.of(charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Optional<Charset> charset(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Charset.forName(name.strip()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).replace("\"", "").strip();
            }
        }
        return null;
    }
}
