package io.newsflow.enrich.topics;

import io.newsflow.core.article.TopicTag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Tags an article with taxonomy topics by their term rules.
 *
 * <p>Scoring: every distinct term found in the article weighs {@value #TITLE_WEIGHT} if it is in the title plus the
 * number of its occurrences in the text, at most {@value #MAX_TEXT_COUNT} (so that one repeated word cannot carry a
 * topic). A topic's evidence is the sum of the weights of its own terms and of its narrower topics' terms (each
 * term once), so a broader topic is never weaker than a narrower one. Its score is
 * {@code 1 - exp(-evidence / 4)}, between 0 and 1. A topic qualifies when its score reaches {@value #THRESHOLD}
 * (evidence of at least 3) from at least {@value #MIN_TERMS} distinct terms. Of the qualifying topics with no
 * qualifying narrower topic (the deepest confident ones), the {@value #MAX_TAGS} strongest are tagged, each with its
 * level and its broader topics as {@link TopicTag#ancestors()}, so that "armed conflict" always names
 * "conflict, war and peace" without a tag of its own. Tags are ordered strongest first, deeper topics first among
 * equals.
 *
 * <p>{@link TopicTag#matched()} shows the evidence as the article has it, not as the rules are written: for each
 * supporting term, its first occurrence in the article (title, then text), lowercased, whitespace inside a phrase
 * collapsed to one space ("negotiat*" shows as "negotiations", "non aligned" as "non-aligned"). Forms that two terms
 * share are listed once. They are ordered strongest first: terms found in the title before the others, then by how
 * often they occur in the text, then in reading order; at most {@value #MAX_MATCHED} are listed, so that a long
 * article keeps a small record.
 */
public final class TopicTagger {

    static final int TITLE_WEIGHT = 3;
    static final int MAX_TEXT_COUNT = 3;
    static final double SCALE = 4.0;
    static final double THRESHOLD = 0.5;
    static final int MIN_TERMS = 2;
    static final int MAX_TAGS = 5;
    static final int MAX_MATCHED = 10;
    private static final int STEM_KEY = 3;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
    // \s alone misses the no-break and other Unicode spaces that news text carries between words.
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    /**
     * A term rule: its words, which of them match as prefixes, and the topics it is evidence for (its own topic
     * first, then that topic's broader topics).
     */
    private record Term(String written, String[] words, boolean[] prefix, List<Topic> supports) {

        static Term parse(String written, List<Topic> supports) {
            Topic topic = supports.get(0);
            String[] parts = written.strip().toLowerCase(Locale.ROOT).split("\\s+");
            String[] words = new String[parts.length];
            boolean[] prefix = new boolean[parts.length];
            for (int i = 0; i < parts.length; i++) {
                prefix[i] = parts[i].endsWith("*");
                words[i] = prefix[i] ? parts[i].substring(0, parts[i].length() - 1) : parts[i];
                if (words[i].isEmpty() || prefix[i] && words[i].length() < STEM_KEY
                        || !WORD.matcher(words[i]).matches()) {
                    throw new IllegalArgumentException("topic " + topic.code() + " has a malformed term \"" + written
                            + "\": use lowercase words, a trailing * only after at least " + STEM_KEY + " letters");
                }
            }
            return new Term(written, words, prefix, supports);
        }

        boolean matchesAt(Words text, int at) {
            if (at + words.length > text.size()) {
                return false;
            }
            for (int i = 0; i < words.length; i++) {
                String word = text.word(at + i);
                if (prefix[i] ? !word.startsWith(words[i]) : !word.equals(words[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Where a term occurs in one article: as written at its first occurrence, and how often in title and text. */
    private static final class Occurrences {

        // The last key settles terms found at the same word ("peace", "peace plan"), so that the order does not
        // depend on the order the taxonomy's terms were indexed in.
        static final Comparator<Occurrences> STRONGEST_FIRST = Comparator
                .comparing((Occurrences o) -> o.inTitle > 0, Comparator.reverseOrder())
                .thenComparing(Comparator.comparingInt((Occurrences o) -> o.inText).reversed())
                .thenComparingInt(o -> o.firstAt)
                .thenComparing(o -> o.firstForm);

        final String firstForm;
        final int firstAt;
        int inTitle;
        int inText;

        Occurrences(String firstForm, int firstAt) {
            this.firstForm = firstForm;
            this.firstAt = firstAt;
        }

        int weight() {
            return (inTitle > 0 ? TITLE_WEIGHT : 0) + Math.min(inText, MAX_TEXT_COUNT);
        }
    }

    /** The words of a text, lowercased, and where each lies in the lowercased text. */
    private static final class Words {

        private final String lowered;
        private final List<String> words = new ArrayList<>();
        private int[] starts = new int[64];
        private int[] ends = new int[64];

        Words(String text) {
            lowered = text == null ? "" : text.toLowerCase(Locale.ROOT);
            Matcher m = WORD.matcher(lowered);
            while (m.find()) {
                if (words.size() == starts.length) {
                    starts = Arrays.copyOf(starts, starts.length * 2);
                    ends = Arrays.copyOf(ends, ends.length * 2);
                }
                starts[words.size()] = m.start();
                ends[words.size()] = m.end();
                words.add(m.group());
            }
        }

        int size() {
            return words.size();
        }

        String word(int i) {
            return words.get(i);
        }

        /** The text of words {@code from} to {@code from + count - 1} with what lies between them, spaces collapsed. */
        String form(int from, int count) {
            return count == 1 ? words.get(from)
                    : SPACES.matcher(lowered.substring(starts[from], ends[from + count - 1])).replaceAll(" ");
        }
    }

    private final Taxonomy taxonomy;
    private final Map<String, List<Term>> byFirstWord = new HashMap<>();
    private final Map<String, List<Term>> byFirstStem = new HashMap<>();

    public TopicTagger(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (Topic topic : taxonomy.topics()) {
            List<Topic> supports = new ArrayList<>();
            supports.add(topic);
            supports.addAll(taxonomy.ancestors(topic.code()));
            for (String written : topic.terms()) {
                Term term = Term.parse(written, List.copyOf(supports));
                Map<String, List<Term>> index = term.prefix()[0] ? byFirstStem : byFirstWord;
                String key = term.prefix()[0] ? term.words()[0].substring(0, STEM_KEY) : term.words()[0];
                index.computeIfAbsent(key, k -> new ArrayList<>()).add(term);
            }
        }
    }

    public List<TopicTag> tag(String title, String text) {
        // By identity: each rule is one object, and a record's hash would walk its topics' term lists every time.
        Map<Term, Occurrences> found = new IdentityHashMap<>();
        Words titleWords = new Words(title);
        find(titleWords, true, 0, found);
        find(new Words(text), false, titleWords.size(), found);

        // Evidence for a topic is evidence for every broader topic: each topic's support is its own terms and
        // its narrower topics' terms, each term counted once.
        Map<Topic, Map<String, Integer>> support = new HashMap<>();
        found.forEach((term, occurrences) -> {
            int weight = occurrences.weight();
            for (Topic topic : term.supports()) {
                support.computeIfAbsent(topic, t -> new HashMap<>()).merge(term.written(), weight, Math::max);
            }
        });
        Map<Topic, Double> scores = new HashMap<>();
        support.forEach((topic, terms) -> scores.put(topic,
                1 - Math.exp(-terms.values().stream().mapToInt(Integer::intValue).sum() / SCALE)));

        Set<Topic> candidates = scores.keySet().stream()
                .filter(topic -> scores.get(topic) >= THRESHOLD && support.get(topic).size() >= MIN_TERMS)
                .collect(Collectors.toSet());
        Set<Topic> broader = candidates.stream()
                .flatMap(topic -> taxonomy.ancestors(topic.code()).stream())
                .collect(Collectors.toSet());
        // The strongest of the narrowest topics are tagged; their broader topics are named as their ancestors.
        List<Topic> kept = candidates.stream()
                .filter(topic -> !broader.contains(topic))
                .sorted(strongestFirst(scores))
                .limit(MAX_TAGS)
                .toList();
        Map<String, Set<String>> matched = matchedForms(kept, found);
        return kept.stream()
                .map(topic -> new TopicTag(topic.code(), topic.label(), Math.round(scores.get(topic) * 1000) / 1000.0,
                        List.copyOf(matched.get(topic.code())), taxonomy.level(topic.code()), topLevelFirst(topic)))
                .toList();
    }

    private List<String> topLevelFirst(Topic topic) {
        List<String> codes = new ArrayList<>(taxonomy.ancestors(topic.code()).stream().map(Topic::code).toList());
        Collections.reverse(codes);
        return codes;
    }

    private Comparator<Topic> strongestFirst(Map<Topic, Double> scores) {
        return Comparator.comparingDouble((Topic t) -> scores.get(t)).reversed()
                .thenComparing(Comparator.comparingInt((Topic t) -> taxonomy.level(t.code())).reversed())
                .thenComparing(Topic::code);
    }

    /** By topic code: the forms of the terms supporting each tagged topic, strongest first, each once. */
    private static Map<String, Set<String>> matchedForms(List<Topic> tagged, Map<Term, Occurrences> found) {
        Map<String, Set<String>> forms = new HashMap<>();
        tagged.forEach(topic -> forms.put(topic.code(), new LinkedHashSet<>()));
        // One pass over the terms, strongest first, for all tags; a form two terms share keeps the stronger's place.
        found.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(Occurrences.STRONGEST_FIRST))
                .forEach(term -> {
                    for (Topic topic : term.getKey().supports()) {
                        Set<String> topicForms = forms.get(topic.code());
                        if (topicForms != null && topicForms.size() < MAX_MATCHED) {
                            topicForms.add(term.getValue().firstForm);
                        }
                    }
                });
        return forms;
    }

    /** Records each term's occurrences in {@code text}; {@code offset} places its words after those already read. */
    private void find(Words text, boolean inTitle, int offset, Map<Term, Occurrences> found) {
        for (int i = 0; i < text.size(); i++) {
            String word = text.word(i);
            findAt(byFirstWord.get(word), text, i, inTitle, offset, found);
            if (word.length() >= STEM_KEY) {
                findAt(byFirstStem.get(word.substring(0, STEM_KEY)), text, i, inTitle, offset, found);
            }
        }
    }

    private static void findAt(List<Term> candidates, Words text, int at, boolean inTitle, int offset,
                               Map<Term, Occurrences> found) {
        if (candidates == null) {
            return;
        }
        for (Term term : candidates) {
            if (term.matchesAt(text, at)) {
                Occurrences occurrences = found.get(term);
                if (occurrences == null) {
                    occurrences = new Occurrences(text.form(at, term.words().length), offset + at);
                    found.put(term, occurrences);
                }
                if (inTitle) {
                    occurrences.inTitle++;
                } else {
                    occurrences.inText++;
                }
            }
        }
    }
}
