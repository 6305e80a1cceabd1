package io.newsflow.enrich.topics;

import io.newsflow.core.article.TopicTag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * qualifying narrower topic, the {@value #MAX_TAGS} strongest are tagged, each with all its broader topics, so that
 * "armed conflict" always comes with "conflict, war and peace". Tags are ordered strongest first, deeper topics
 * first among equals; {@link TopicTag#matched()} lists the supporting terms, strongest first.
 */
public final class TopicTagger {

    static final int TITLE_WEIGHT = 3;
    static final int MAX_TEXT_COUNT = 3;
    static final double SCALE = 4.0;
    static final double THRESHOLD = 0.5;
    static final int MIN_TERMS = 2;
    static final int MAX_TAGS = 5;
    private static final int STEM_KEY = 3;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

    /** A term rule: its words, which of them match as prefixes, and the topic it is evidence for. */
    private record Term(String written, String[] words, boolean[] prefix, Topic topic) {

        static Term parse(String written, Topic topic) {
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
            return new Term(written, words, prefix, topic);
        }

        boolean matchesAt(List<String> tokens, int at) {
            if (at + words.length > tokens.size()) {
                return false;
            }
            for (int i = 0; i < words.length; i++) {
                String token = tokens.get(at + i);
                if (prefix[i] ? !token.startsWith(words[i]) : !token.equals(words[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Taxonomy taxonomy;
    private final Map<String, List<Term>> byFirstWord = new HashMap<>();
    private final Map<String, List<Term>> byFirstStem = new HashMap<>();

    public TopicTagger(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        for (Topic topic : taxonomy.topics()) {
            for (String written : topic.terms()) {
                Term term = Term.parse(written, topic);
                Map<String, List<Term>> index = term.prefix()[0] ? byFirstStem : byFirstWord;
                String key = term.prefix()[0] ? term.words()[0].substring(0, STEM_KEY) : term.words()[0];
                index.computeIfAbsent(key, k -> new ArrayList<>()).add(term);
            }
        }
    }

    public List<TopicTag> tag(String title, String text) {
        Map<Term, int[]> counts = new LinkedHashMap<>();
        count(words(title), 0, counts);
        count(words(text), 1, counts);

        // Evidence for a topic is evidence for every broader topic: each topic's support is its own terms and
        // its narrower topics' terms, each term counted once.
        Map<Topic, Map<String, Integer>> support = new HashMap<>();
        counts.forEach((term, inTitleAndText) -> {
            int weight = (inTitleAndText[0] > 0 ? TITLE_WEIGHT : 0) + Math.min(inTitleAndText[1], MAX_TEXT_COUNT);
            support.computeIfAbsent(term.topic(), t -> new HashMap<>()).merge(term.written(), weight, Math::max);
            for (Topic ancestor : taxonomy.ancestors(term.topic().code())) {
                support.computeIfAbsent(ancestor, t -> new HashMap<>()).merge(term.written(), weight, Math::max);
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
        // The strongest of the narrowest topics are kept, with their broader topics.
        Set<Topic> kept = new HashSet<>();
        candidates.stream()
                .filter(topic -> !broader.contains(topic))
                .sorted(strongestFirst(scores))
                .limit(MAX_TAGS)
                .forEach(topic -> {
                    kept.add(topic);
                    kept.addAll(taxonomy.ancestors(topic.code()));
                });
        return kept.stream()
                .sorted(strongestFirst(scores))
                .map(topic -> new TopicTag(topic.code(), topic.label(), Math.round(scores.get(topic) * 1000) / 1000.0,
                        strongestTerms(support.get(topic))))
                .toList();
    }

    private Comparator<Topic> strongestFirst(Map<Topic, Double> scores) {
        return Comparator.comparingDouble((Topic t) -> scores.get(t)).reversed()
                .thenComparing(Comparator.comparingInt((Topic t) -> taxonomy.level(t.code())).reversed())
                .thenComparing(Topic::code);
    }

    private static List<String> strongestTerms(Map<String, Integer> weights) {
        return weights.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Counts each term's occurrences in {@code words} into slot {@code slot} (0 title, 1 text) of its counts. */
    private void count(List<String> words, int slot, Map<Term, int[]> counts) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            countAt(byFirstWord.get(word), words, i, slot, counts);
            if (word.length() >= STEM_KEY) {
                countAt(byFirstStem.get(word.substring(0, STEM_KEY)), words, i, slot, counts);
            }
        }
    }

    private static void countAt(List<Term> candidates, List<String> words, int at, int slot, Map<Term, int[]> counts) {
        if (candidates == null) {
            return;
        }
        for (Term term : candidates) {
            if (term.matchesAt(words, at)) {
                counts.computeIfAbsent(term, t -> new int[2])[slot]++;
            }
        }
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text != null) {
            Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
            while (m.find()) {
                words.add(m.group());
            }
        }
        return words;
    }
}
