package io.newsflow.enrich.keywords;

import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.enrich.entities.NameIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free keywords: the words an article uses most, title words counting {@value #TITLE_WEIGHT} times, without
 * function words and reporting verbs, in English, Russian and Ukrainian. Inflected forms count together
 * ("Украины", "Украине") and show as the form the article uses most. A keyword needs a weight of
 * {@value #MIN_WEIGHT}; at most {@link EnrichedArticle#MAX_KEYWORDS} are kept, strongest first, lowercase.
 */
public final class KeywordExtractor {

    static final int TITLE_WEIGHT = 3;
    static final int MIN_WEIGHT = 3;
    private static final int MIN_LETTERS = 4;
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}]*(?:[-'’]\\p{L}[\\p{L}\\p{M}]*)*");

    // Set.copyOf: a word both languages write alike is listed in each.
    static final Set<String> STOP = Set.copyOf(List.of(
            "that", "this", "these", "those", "with", "from", "have", "has", "been", "were", "will", "would", "could",
            "should", "might", "must", "their", "there", "they", "them", "then", "than", "what", "when", "where", "which",
            "while", "whose", "about", "after", "before", "also", "into", "over", "under", "more", "most", "much", "many",
            "some", "such", "other", "others", "only", "very", "just", "being", "including", "however", "further",
            "without", "within", "between", "against", "during", "through", "because", "does", "each", "both", "well",
            "like", "even", "still", "here", "upon", "according", "said", "says", "told", "year", "years", "week",
            "month", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "your", "ours",
            "said", "make", "made", "take", "taken", "next", "last", "first", "second", "another", "among", "across",
            "since", "until", "already", "whether", "either", "neither", "where", "whom", "this", "it's", "its",
            "этот", "эта", "это", "эти", "этом", "этого", "этой", "того", "также", "который", "которые", "которая",
            "которого", "которых", "будет", "будут", "может", "могут", "время", "после", "заявил", "заявила", "заявили",
            "сообщил", "сообщила", "сообщили", "более", "менее", "только", "когда", "если", "чтобы", "между", "однако",
            "словам", "данным", "году", "года", "были", "было", "была", "него", "нему", "этим", "свою", "своей", "свои",
            "цей", "ця", "це", "цим", "цього", "цієї", "також", "який", "які", "яка", "якого", "яких", "буде", "будуть",
            "може", "можуть", "після", "заявив", "заявила", "заявили", "повідомив", "повідомила", "повідомили", "більш",
            "менш", "тільки", "коли", "якщо", "щоб", "між", "однак", "словами", "даними", "році", "року", "були",
            "було", "була", "нього", "свою", "своєї", "свої", "його", "їхні", "через", "ще", "вже", "уже", "всех", "всіх"));

    /** The keywords of an article, strongest first. */
    public List<String> extract(String title, String text) {
        Map<String, Counts> byKey = new HashMap<>();
        count(title, TITLE_WEIGHT, byKey);
        count(text, 1, byKey);
        List<Counts> kept = new ArrayList<>();
        byKey.values().forEach(c -> {
            if (c.weight >= MIN_WEIGHT) {
                kept.add(c);
            }
        });
        kept.sort(Comparator.comparingInt((Counts c) -> c.weight).reversed().thenComparingInt(c -> c.firstAt));
        return kept.stream().limit(EnrichedArticle.MAX_KEYWORDS).map(Counts::form).distinct().toList();
    }

    private static final class Counts {
        final Map<String, Integer> forms = new LinkedHashMap<>();
        int weight;
        int firstAt = Integer.MAX_VALUE;

        /** The most frequent form, the first seen among equally frequent ones. */
        String form() {
            String best = null;
            for (Map.Entry<String, Integer> form : forms.entrySet()) {
                if (best == null || form.getValue() > forms.get(best)) {
                    best = form.getKey();
                }
            }
            return best;
        }
    }

    private static void count(String text, int weight, Map<String, Counts> byKey) {
        if (text == null) {
            return;
        }
        Matcher m = WORD.matcher(text);
        int at = 0;
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT).replace('’', '\'');
            if (word.endsWith("'s")) {
                word = word.substring(0, word.length() - 2);
            }
            if (word.length() < MIN_LETTERS || STOP.contains(word)) {
                continue;
            }
            Counts counts = byKey.computeIfAbsent(NameIndex.key(word), k -> new Counts());
            counts.weight += weight;
            counts.forms.merge(word, 1, Integer::sum);
            counts.firstAt = Math.min(counts.firstAt, (weight == TITLE_WEIGHT ? 0 : 1_000_000) + at++);
        }
    }
}
