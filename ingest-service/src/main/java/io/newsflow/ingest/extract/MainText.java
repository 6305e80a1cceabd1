package io.newsflow.ingest.extract;

import io.newsflow.core.article.AuthorNames;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds an article's body text in its page. The steps, each for a general cause of wrong text:
 * <ol>
 *   <li>what is never content goes first: scripts, forms controls, navigation, asides, footers, figures (captions
 *       are not the story), hidden elements, the page header outside any article;</li>
 *   <li>elements whose class or id names furniture (share bars, related lists, comments, cookie notices,
 *       newsletter boxes, bylines, image captions...) go too, unless they hold most of the page's text or, for
 *       words that story containers also use, a story's worth of prose;</li>
 *   <li>every block's own text scores for its container (fully), the container's parent (half) and grandparent
 *       (quarter), weighted by commas and discounted by its share of link text; the best container is the body;
 *       other strong containers elsewhere join it through their common ancestor, and siblings that score well
 *       join it (pages that split an article over several containers);</li>
 *   <li>inside, link lists, "Read more" teasers, the headline, standalone dates, headings that nothing follows,
 *       byline paragraphs and short furniture lines ("Advertisement", "Share this", newsletter calls, author
 *       contact lines) are dropped.</li>
 * </ol>
 * Two walks over the whole page and no text() on big subtrees keep it cheaper than the parse.
 */
final class MainText {

    /** Never part of an article's text, wherever they are. */
    // Not <form>: ASP.NET pages wrap their whole body in one; newsletter forms go by their class words.
    private static final Set<String> NON_CONTENT_TAGS = Set.of("script", "style", "noscript", "template", "iframe",
            "object", "embed", "svg", "canvas", "button", "input", "select", "textarea", "dialog", "nav", "aside",
            "footer", "figure", "figcaption", "picture", "img", "video", "audio");
    private static final Set<String> NON_CONTENT_ROLES = Set.of("navigation", "complementary", "contentinfo", "banner", "dialog");
    private static final Pattern DISPLAY_NONE = Pattern.compile("(?i)display\\s*:\\s*none");

    /** Words of class names and ids that mark page furniture. */
    private static final Set<String> BOILERPLATE_WORDS = Set.of(
            "share", "sharing", "social", "related", "recommended", "recirc", "newsletter", "subscribe",
            "subscription", "signup", "promo", "advert", "advertisement", "ad", "ads", "adunit", "sponsor",
            "sponsored", "cookie", "cookies", "consent", "gdpr", "comment", "comments", "disqus", "breadcrumb",
            "breadcrumbs", "sidebar", "widget", "popup", "modal", "byline", "author", "bio", "dateline", "timestamp",
            "tags", "tag", "outbrain", "taboola", "toolbar", "menu", "nav", "caption", "credit", "credits",
            "popular", "trending", "mostread", "paywall", "login", "signin", "print", "pagination", "pager",
            "footer", "masthead", "banner", "follow", "hidden", "visually", "sr", "skip", "headline", "kicker",
            "rating", "tools", "enlarge", "tooltip", "hovercard", "popover", "rollover", "breaking", "ticker", "gallery", "slideshow");
    /**
     * Words of image containers: the picture is gone already, what is left is its caption and credit. Some sites
     * name the story's container after its lead image too, so only caption-sized ones go.
     */
    private static final Set<String> IMAGE_WORDS = Set.of("img", "image", "images", "photo", "photos", "picture",
            "thumbnail", "thumb");
    private static final int MAX_CAPTION = 300;

    /** Blocks whose text belongs to their container; other blocks with text of their own are containers. */
    private static final Set<String> PARAGRAPHS = Set.of("p", "pre", "blockquote", "h2", "h3", "h4", "h5", "h6", "li",
            "dd", "dt", "address");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    private static final Pattern BYLINE = Pattern.compile("^(?i:by)\\s.*");
    private static final Pattern TEASER = Pattern.compile(
            "(?i)(read more|read also|also read|also on|see also|related|more on this|recommended|watch|listen)\\b");
    /** Short lines that are page furniture in any article: ad labels, calls to share, subscribe or comment. */
    private static final Pattern FURNITURE_LINE = Pattern.compile("(?iu)(?:advert(?:isement)?|anzeige|publicidad|publicité"
            + "|pubblicità|iklan|реклама|sponsored(?: content)?|filed (?:under|in):? .*"
            + "|\\d* ?comments?|leave a (?:comment|reply).*|share(?: this)?(?: (?:story|article|post))?(?: on \\w+)?"
            + "|breaking news|this slideshow requires javascript\\.?|like this (?:story|article)\\?.*"
            + "|tell us what you think.*|subscribe\\b.*|sign in|log ?in|sign up\\b.*|follow us\\b.*"
            + "|to read the full (?:story|article).*|continue reading.*|click here\\b.*|most (?:popular|read)\\b.*"
            + "|read more\\b.*|related(?: (?:articles?|stories|posts|content|coverage))?:?|recommended\\b.*"
            + "|you (?:may|might) also like.*|more from\\b.*|(?:photo|image|picture|credit)s?: .*)");
    private static final int MAX_FURNITURE_LINE = 80;
    /** Calls to subscribe to a newsletter and ways to reach the author: a short line with both words is not the story. */
    private static final Pattern NEWSLETTER_WORD = Pattern.compile("(?i)\\b(?:newsletters?|inbox)\\b");
    private static final Pattern SIGN_UP_WORD = Pattern.compile("(?i)\\b(?:sign up|subscribe|delivered|get)\\b");
    private static final Pattern EMAIL = Pattern.compile("\\b[\\w.+-]+@[\\w-]+\\.[\\w.]+\\b");
    private static final Pattern REACH_WORD = Pattern.compile("(?i)\\b(?:reached|contact|email|e-mail|follow|tips?)\\b");
    private static final int MAX_PROMO_LINE = 250;
    /** News-agency credit lines, copyright notices, reading times and calls to follow on social media. */
    private static final Pattern CREDIT_LINE = Pattern.compile("(?iu)\\(?(?:(?:additional )?reporting|writing|editing) by\\b.*"
            + "|.*\\bcontributed (?:reporting|to this (?:report|article|story))\\b.*"
            + "|(?:©|\\(c\\)\\s).*|copyright\\s*(?:©|\\(c\\)|\\d{4}).*"
            + "|(?:estimated )?(?:reading time|read time|tempo de leitura|temps de lecture|lesezeit|tiempo de lectura)\\b.*"
            + "|follow (?:us|[\\p{L}'’ ]{1,60}) on (?:facebook|twitter|instagram|linkedin|tiktok|youtube)\\b.*");

    /** A block whose text is mostly link text is a list of links, not prose. */
    private static final double MAX_LINK_DENSITY = 0.5;
    /**
     * A paragraph is a link only when nearly all of it is: a sentence may link its subject and object ("<a>Ann Lee</a>
     * has been elected to <a>the city council</a>.").
     */
    private static final double MAX_PARAGRAPH_LINK_DENSITY = 0.8;
    /** Furniture-named elements holding more than this share of the page text are the content after all. */
    private static final double MAX_FURNITURE_SHARE = 0.4;
    /**
     * Words that name what is never the article, however long it runs: reader comments can outgrow the story, so
     * only a container holding nearly all the text (a wrapper whose name mentions them) is kept.
     */
    private static final Set<String> NEVER_CONTENT_WORDS = Set.of("comment", "comments", "disqus", "related",
            "recommended", "outbrain", "taboola", "cookie", "cookies", "consent", "newsletter");
    private static final double MAX_NEVER_CONTENT_SHARE = 0.8;
    /** Non-link text that makes a furniture-named element a story container after all, if links are few in it. */
    private static final int MIN_STORY_PROSE = 1500;
    private static final double MAX_STORY_LINK_SHARE = 0.2;
    private static final int[] NONE = {0, 0};
    /** A sibling of the best container joins it when it scores at least this share of the best. */
    private static final double SIBLING_SHARE = 0.2;
    /** Containers scoring at least this share of the best one, elsewhere in the page, are parts of the same article. */
    private static final double PART_SHARE = 0.4;
    private static final int MAX_PARTS = 6;
    /** The page's own {@code itemprop=articleBody} is the body unless it is an empty or teaser shell. */
    private static final double MIN_ARTICLE_BODY_SHARE = 0.3;

    private MainText() {
    }

    /** Thrown when the time for one page is up. */
    static final class TimeUp extends RuntimeException {
        TimeUp() {
            super(null, null, false, false);
        }
    }

    /**
     * The body text, paragraphs separated by blank lines; the document is changed (furniture removed).
     *
     * @param deadline {@link System#nanoTime()} after which the work stops with {@link TimeUp}
     */
    static String of(Document page, List<String> authors, long deadline) {
        Element body = page.body();
        Watch watch = new Watch(deadline);
        Map<Element, int[]> textLengths = removeNonContent(body, watch);
        Stats stats = Stats.of(body, textLengths, watch);
        List<Element> content = content(body, stats);
        List<String> paragraphs = new ArrayList<>();
        for (Element element : content) {
            clean(element, stats);
            for (String paragraph : HtmlText.paragraphs(element)) {
                if (!isByline(paragraph, authors) && !isFurnitureLine(paragraph)) {
                    paragraphs.add(paragraph);
                }
            }
        }
        return String.join("\n\n", paragraphs);
    }

    /** Counts visited nodes and checks the clock every few thousand of them (reading it costs). */
    private static final class Watch {
        private final long deadline;
        private int visited;

        Watch(long deadline) {
            this.deadline = deadline;
        }

        void tick() {
            if ((++visited & 0xfff) == 0 && System.nanoTime() > deadline) {
                throw new TimeUp();
            }
        }
    }

    /**
     * Removes what is never content (by tag, role, hidden-ness; the page header outside any article) and returns
     * the text and link text lengths of every element left, from one walk.
     */
    private static Map<Element, int[]> removeNonContent(Element body, Watch watch) {
        Map<Element, int[]> lengths = new IdentityHashMap<>();
        List<Element> removed = new ArrayList<>();
        Deque<int[]> open = new ArrayDeque<>();
        int[] articles = {0};
        int[] links = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                watch.tick();
                if (node instanceof Element element) {
                    if (element != body && (isNonContent(element) || element.nameIs("header") && articles[0] == 0)) {
                        removed.add(element);
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (element.nameIs("article")) {
                        articles[0]++;
                    } else if (element.nameIs("a")) {
                        links[0]++;
                    }
                    open.push(new int[2]);
                } else if (node instanceof TextNode text && !open.isEmpty()) {
                    int length = visibleLength(text);
                    open.peek()[0] += length;
                    if (links[0] > 0) {
                        open.peek()[1] += length;
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element element) {
                    if (element.nameIs("article")) {
                        articles[0]--;
                    } else if (element.nameIs("a")) {
                        links[0]--;
                    }
                    int[] length = open.pop();
                    lengths.put(element, length);
                    if (!open.isEmpty()) {
                        open.peek()[0] += length[0];
                        open.peek()[1] += length[1];
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, body);
        removed.forEach(Element::remove);
        return lengths;
    }

    private static boolean isNonContent(Element element) {
        if (NON_CONTENT_TAGS.contains(element.normalName())) {
            return true;
        }
        if (element.attributesSize() == 0) {
            return false;
        }
        String role = element.attr("role");
        if (!role.isEmpty() && NON_CONTENT_ROLES.contains(role.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (element.hasAttr("hidden") || element.attr("aria-hidden").equalsIgnoreCase("true")
                || element.attr("itemprop").equals("description")) {
            return true;
        }
        String style = element.attr("style");
        return !style.isEmpty() && DISPLAY_NONE.matcher(style).find();
    }

    /** Whether a word of the element's class names or id (split at -, _, spaces and camelCase) names furniture. */
    static boolean looksLikeFurniture(Element element) {
        return furnitureWord(element) != null;
    }

    /** The first furniture word of the element's class names or id, or null. */
    private static String furnitureWord(Element element) {
        if (!element.hasAttr("class") && !element.hasAttr("id")) {
            return null;
        }
        String word = furnitureWord(element.attr("class"));
        return word != null ? word : furnitureWord(element.id());
    }

    private static String furnitureWord(String names) {
        int start = -1;
        for (int i = 0; i <= names.length(); i++) {
            char c = i < names.length() ? names.charAt(i) : ' ';
            boolean letter = Character.isLetterOrDigit(c);
            boolean camelBreak = letter && start >= 0 && Character.isUpperCase(c) && Character.isLowerCase(names.charAt(i - 1));
            if (start >= 0 && (!letter || camelBreak)) {
                String word = names.substring(start, i).toLowerCase(Locale.ROOT);
                if (BOILERPLATE_WORDS.contains(word) || IMAGE_WORDS.contains(word)) {
                    return word;
                }
                start = letter ? i : -1;
            } else if (start < 0 && letter) {
                start = i;
            }
        }
        return null;
    }

    /**
     * Furniture by name, unless it holds so much of the page's text that it must be the content after all, or (for
     * the words that also turn up in names of story containers, "has-share-bar") a story's worth of prose.
     *
     * @param lengths   the element's text and link text length
     * @param pageProse the page's text outside links
     */
    private static boolean isFurniture(Element element, int[] lengths, int pageProse) {
        String word = furnitureWord(element);
        if (word == null) {
            return false;
        }
        int text = lengths[0];
        if (IMAGE_WORDS.contains(word)) {
            return text <= MAX_CAPTION;
        }
        // Shares of the page's prose (text outside links): menus and link lists elsewhere do not make a story small.
        int prose = text - lengths[1];
        if (NEVER_CONTENT_WORDS.contains(word)) {
            return prose <= MAX_NEVER_CONTENT_SHARE * pageProse;
        }
        boolean story = prose >= MIN_STORY_PROSE && lengths[1] < MAX_STORY_LINK_SHARE * text;
        return prose <= MAX_FURNITURE_SHARE * pageProse && !story;
    }

    /** The best-scoring container and its well-scoring siblings, in document order. */
    private static List<Element> content(Element body, Stats stats) {
        Element articleBody = stats.articleBody;
        if (articleBody != null && stats.text(articleBody) > MIN_ARTICLE_BODY_SHARE * stats.text(body)) {
            return List.of(articleBody);
        }
        List<Map.Entry<Element, Double>> ranked = new ArrayList<>(stats.scores.entrySet());
        if (ranked.isEmpty()) {
            return List.of(body);
        }
        ranked.sort(Map.Entry.<Element, Double>comparingByValue().reversed());
        Element best = ranked.get(0).getKey();
        double bestScore = ranked.get(0).getValue();
        // Other strong containers that are not inside or around the best one are parts of a split article.
        List<Element> parts = new ArrayList<>();
        parts.add(best);
        for (Map.Entry<Element, Double> entry : ranked.subList(1, Math.min(ranked.size(), MAX_PARTS))) {
            Element other = entry.getKey();
            if (entry.getValue() >= PART_SHARE * bestScore && !isInside(other, best) && !isInside(best, other)) {
                parts.add(other);
            }
        }
        if (parts.size() > 1) {
            Element common = best;
            while (common != body && common.parent() != null && !containsAll(common, parts)) {
                common = common.parent();
            }
            List<Element> content = new ArrayList<>();
            for (Element child : common.children()) {
                if (parts.stream().anyMatch(part -> isInside(part, child)) || joins(child, bestScore, stats)) {
                    content.add(child);
                }
            }
            return content;
        }
        Element parent = best.parent();
        if (parent == null || best == body) {
            return List.of(best);
        }
        List<Element> content = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == best || joins(sibling, bestScore, stats)) {
                content.add(sibling);
            }
        }
        return content;
    }

    private static boolean containsAll(Element ancestor, List<Element> parts) {
        return parts.stream().allMatch(part -> isInside(part, ancestor));
    }

    /** Whether {@code element} is {@code ancestor} or inside it. */
    private static boolean isInside(Element element, Element ancestor) {
        for (Element e = element; e != null; e = e.parent()) {
            if (e == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static boolean joins(Element sibling, double bestScore, Stats stats) {
        if (stats.score(sibling) >= SIBLING_SHARE * bestScore) {
            return true;
        }
        // A lone paragraph next to the body, as pages put a lead before the body container.
        int text = stats.text(sibling);
        return sibling.nameIs("p") && text > 80 && stats.linkText(sibling) < 0.25 * text;
    }

    /** Removes what is not prose from a content container. */
    private static void clean(Element container, Stats stats) {
        List<Element> drop = new ArrayList<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (!(node instanceof Element element) || element == container) {
                    return FilterResult.CONTINUE;
                }
                if (element.nameIs("h1") || isLinkList(element, stats) || isTeaser(element, stats)
                        || element.nameIs("time") && element.closest("p, li") == null) {
                    drop.add(element);
                    return FilterResult.SKIP_ENTIRELY;
                }
                return FilterResult.CONTINUE;
            }
        }, container);
        drop.forEach(Element::remove);
        dropTrailingHeadings(container);
    }

    private static boolean isLinkList(Element element, Stats stats) {
        int text = stats.text(element);
        double max = PARAGRAPHS.contains(element.normalName()) ? MAX_PARAGRAPH_LINK_DENSITY : MAX_LINK_DENSITY;
        return text > 0 && element.isBlock() && stats.linkText(element) > max * text;
    }

    /** "Read more: <a>other story</a>" and its kind point elsewhere. */
    private static boolean isTeaser(Element element, Stats stats) {
        if (!PARAGRAPHS.contains(element.normalName()) || stats.linkText(element) == 0 || stats.text(element) > 200) {
            return false;
        }
        return TEASER.matcher(element.text()).lookingAt();
    }

    /** A heading at the end of the body introduced a list or box that is gone: it stands for nothing now. */
    private static void dropTrailingHeadings(Element container) {
        List<Element> blocks = container.select("p, h2, h3, h4, h5, h6, li, blockquote, pre");
        for (int i = blocks.size() - 1; i >= 0; i--) {
            Element block = blocks.get(i);
            if (!HEADINGS.contains(block.normalName())) {
                if (block.hasText()) {
                    return;
                }
                continue;
            }
            block.remove();
        }
    }

    private static boolean isFurnitureLine(String paragraph) {
        if (paragraph.length() <= MAX_FURNITURE_LINE && FURNITURE_LINE.matcher(paragraph).matches()) {
            return true;
        }
        return paragraph.length() <= MAX_PROMO_LINE
                && (CREDIT_LINE.matcher(paragraph).matches()
                || NEWSLETTER_WORD.matcher(paragraph).find() && SIGN_UP_WORD.matcher(paragraph).find()
                || paragraph.indexOf('@') >= 0 && EMAIL.matcher(paragraph).find() && REACH_WORD.matcher(paragraph).find());
    }

    private static boolean isByline(String paragraph, List<String> authors) {
        return !authors.isEmpty() && paragraph.length() < 200 && BYLINE.matcher(paragraph).matches()
                && authors.containsAll(AuthorNames.clean(List.of(paragraph)));
    }

    /** Characters of a text node that show, whitespace runs counted once. */
    private static int visibleLength(TextNode text) {
        String whole = text.getWholeText();
        int length = 0;
        boolean space = true;
        for (int i = 0; i < whole.length(); i++) {
            char c = whole.charAt(i);
            boolean isSpace = Character.isWhitespace(c) || c == '\u00a0';
            if (!isSpace) {
                length++;
            } else if (!space) {
                length++;
            }
            space = isSpace;
        }
        return length;
    }

    /** Text and link text of every element, and the container scores, from one walk. */
    private static final class Stats {
        private final Map<Element, int[]> counts = new IdentityHashMap<>();
        private final Map<Element, Double> scores = new IdentityHashMap<>();
        private Element articleBody;

        int text(Element element) {
            int[] c = counts.get(element);
            return c == null ? 0 : c[0];
        }

        int linkText(Element element) {
            int[] c = counts.get(element);
            return c == null ? 0 : c[1];
        }

        double score(Element element) {
            return scores.getOrDefault(element, 0.0);
        }

        /**
         * Walks {@code root} once: skips and then removes furniture-named elements (unless they hold most of the
         * text, by {@code textLengths}), counts text and link text, scores.
         */
        static Stats of(Element root, Map<Element, int[]> textLengths, Watch watch) {
            Stats stats = new Stats();
            int[] page = textLengths.getOrDefault(root, NONE);
            int pageProse = page[0] - page[1];
            List<Element> furniture = new ArrayList<>();
            // Per open element: [text, link text] of its subtree; per block: [own text, own link text, commas].
            Deque<int[]> open = new ArrayDeque<>();
            Deque<Element> blocks = new ArrayDeque<>();
            Map<Element, int[]> own = new IdentityHashMap<>();
            int[] links = {0};
            NodeTraversor.filter(new NodeFilter() {
                @Override
                public FilterResult head(Node node, int depth) {
                    watch.tick();
                    if (node instanceof Element element) {
                        if (element != root && isFurniture(element, textLengths.getOrDefault(element, NONE), pageProse)) {
                            furniture.add(element);
                            return FilterResult.SKIP_ENTIRELY;
                        }
                        if (stats.articleBody == null && element.attr("itemprop").equals("articleBody")) {
                            stats.articleBody = element;
                        }
                        open.push(new int[2]);
                        if (element.nameIs("a")) {
                            links[0]++;
                        }
                        if (element.isBlock() || element == root) {
                            blocks.push(element);
                        }
                    } else if (node instanceof TextNode text && !open.isEmpty()) {
                        int length = visibleLength(text);
                        if (length > 0) {
                            int[] counts = open.peek();
                            counts[0] += length;
                            int[] ownCounts = own.computeIfAbsent(blocks.peek(), b -> new int[3]);
                            ownCounts[0] += length;
                            if (links[0] > 0) {
                                counts[1] += length;
                                ownCounts[1] += length;
                            }
                            ownCounts[2] += commas(text.getWholeText());
                        }
                    }
                    return FilterResult.CONTINUE;
                }

                @Override
                public FilterResult tail(Node node, int depth) {
                    if (node instanceof Element element) {
                        int[] counts = open.pop();
                        stats.counts.put(element, counts);
                        if (!open.isEmpty()) {
                            open.peek()[0] += counts[0];
                            open.peek()[1] += counts[1];
                        }
                        if (element.nameIs("a")) {
                            links[0]--;
                        }
                        if (!blocks.isEmpty() && blocks.peek() == element) {
                            blocks.pop();
                        }
                    }
                    return FilterResult.CONTINUE;
                }
            }, root);
            furniture.forEach(Element::remove);
            own.forEach((block, counts) -> stats.credit(block, counts[0], counts[1], counts[2]));
            return stats;
        }

        private void credit(Element block, int text, int linkText, int commas) {
            if (text < 25) {
                return;
            }
            double prose = 1.0 - (double) linkText / text;
            double score = (text + 10.0 * commas) * prose * prose;
            Element target = PARAGRAPHS.contains(block.normalName()) ? block.parent() : block;
            double share = 1.0;
            for (int level = 0; level < 3 && target != null; level++) {
                scores.merge(target, score * share, Double::sum);
                share /= 2;
                target = target.parent();
            }
        }

        private static int commas(String text) {
            int commas = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == ',') {
                    commas++;
                }
            }
            return commas;
        }
    }
}
