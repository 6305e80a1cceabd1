package io.newsflow.ingest.extract;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * HTML as plain text the way the article records carry it: one paragraph per block element (p, headings, list
 * items, div, ...), paragraphs separated by a blank line, whitespace collapsed, {@code <br>} kept as a line break.
 */
public final class HtmlText {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
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
                    current.append(SPACES.matcher(text.getWholeText()).replaceAll(" "));
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

    private static void flush(StringBuilder current, List<String> paragraphs) {
        List<String> lines = new ArrayList<>();
        for (String line : current.toString().split("\n")) {
            String stripped = SPACES.matcher(line).replaceAll(" ").strip();
            if (!stripped.isEmpty()) {
                lines.add(stripped);
            }
        }
        if (!lines.isEmpty()) {
            paragraphs.add(String.join("\n", lines));
        }
        current.setLength(0);
    }
}
