package io.newsflow.ingest.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.List;

/**
 * HTML as plain text the way the article records carry it: one paragraph per block element (p, headings, list
 * items, div, ...), paragraphs separated by a blank line, whitespace collapsed, {@code <br>} kept as a line break.
 */
public final class HtmlText {

    private static final String PARAGRAPH_BREAK = "\n\n";

    private HtmlText() {
    }

    /** The text of {@code root} and everything in it. */
    public static String of(Element root) {
        return String.join(PARAGRAPH_BREAK, paragraphs(root));
    }

    /** The paragraphs of {@code root}, in document order, none empty. */
    public static List<String> paragraphs(Element root) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    appendCollapsed(current, text.getWholeText());
                } else if (node instanceof Element element) {
                    if (element.nameIs("br")) {
                        current.append('\n');
                    } else if (element.isBlock()) {
                        flush(current, paragraphs);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && element.isBlock() && !element.nameIs("br")) {
                    flush(current, paragraphs);
                }
            }
        }, root);
        flush(current, paragraphs);
        return paragraphs;
    }

    /** An HTML fragment, such as a feed item's description, as plain text; null for null. */
    public static String fromFragment(String html) {
        if (html == null) {
            return null;
        }
        return of(Jsoup.parseBodyFragment(html).body());
    }

    /** Appends {@code text} with each run of whitespace (no-break spaces too) as one space. */
    private static void appendCollapsed(StringBuilder out, String text) {
        boolean space = out.length() > 0 && out.charAt(out.length() - 1) == ' ';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
            } else {
                out.append(c);
                space = false;
            }
        }
    }

    /** Ends the current paragraph: its lines ({@code <br>}) stripped, empty ones dropped. */
    private static void flush(StringBuilder current, List<String> paragraphs) {
        StringBuilder paragraph = new StringBuilder(current.length());
        int start = 0;
        while (start <= current.length()) {
            int end = current.indexOf("\n", start);
            if (end < 0) {
                end = current.length();
            }
            String line = current.substring(start, end).strip();
            if (!line.isEmpty()) {
                if (paragraph.length() > 0) {
                    paragraph.append('\n');
                }
                paragraph.append(line);
            }
            start = end + 1;
        }
        if (paragraph.length() > 0) {
            paragraphs.add(paragraph.toString());
        }
        current.setLength(0);
    }
}
