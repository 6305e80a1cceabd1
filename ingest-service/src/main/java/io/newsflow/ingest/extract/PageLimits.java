package io.newsflow.ingest.extract;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.time.Duration;
import java.util.List;

/**
 * Bounds on what one page may cost, so that a pathological page (a 10 MB line, a million tags, nesting thousands
 * deep) is cut off with a reason instead of taking the ingest thread down. No real article comes near them: the
 * largest news pages are about 2 MB with 30,000 tags and 60 levels of nesting.
 *
 * @param maxChars    characters of page text parsed; the rest is cut before parsing
 * @param maxTags     tags parsed; the page is cut before the first tag beyond
 * @param maxDepth    levels of element nesting kept; deeper content is dropped after parsing
 * @param maxTextNode characters of one text node (one "line" of text) kept
 * @param maxTime     time for finding the main text; past it the text is given up (metadata is kept)
 */
public record PageLimits(int maxChars, int maxTags, int maxDepth, int maxTextNode, Duration maxTime) {

    public static final PageLimits DEFAULT = new PageLimits(4_000_000, 200_000, 256, 100_000, Duration.ofSeconds(2));

    /** Cuts page text over the character or tag limit before parsing; says why in {@code warnings}. */
    String cut(String html, List<String> warnings) {
        String text = html;
        if (text.length() > maxChars) {
            warnings.add("page cut at " + maxChars + " of its " + text.length() + " characters (limit maxChars)");
            text = text.substring(0, maxChars);
        }
        if (text.length() / 2 <= maxTags) {
            return text; // each tag takes at least two characters ("<b"), so this many cannot hold too many
        }
        int tags = 0;
        for (int i = text.indexOf('<'); i >= 0 && i < text.length() - 1; i = text.indexOf('<', i + 1)) {
            if (Character.isLetter(text.charAt(i + 1)) && ++tags > maxTags) {
                warnings.add("page cut at its " + maxTags + "th tag, character " + i + " (limit maxTags)");
                return text.substring(0, i);
            }
        }
        return text;
    }

    /** Drops elements nested deeper than the depth limit and cuts overlong text nodes; says why in {@code warnings}. */
    void prune(Document page, List<String> warnings) {
        int[] tooDeep = {0};
        int[] tooLong = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element && depth > maxDepth) {
                    tooDeep[0]++;
                    return FilterResult.REMOVE;
                }
                if (node instanceof TextNode text && text.getWholeText().length() > maxTextNode) {
                    tooLong[0]++;
                    text.text(text.getWholeText().substring(0, maxTextNode));
                }
                return FilterResult.CONTINUE;
            }
        }, page);
        if (tooDeep[0] > 0) {
            warnings.add(tooDeep[0] + " elements nested deeper than " + maxDepth + " levels dropped (limit maxDepth)");
        }
        if (tooLong[0] > 0) {
            warnings.add(tooLong[0] + " text runs longer than " + maxTextNode + " characters cut (limit maxTextNode)");
        }
    }
}
