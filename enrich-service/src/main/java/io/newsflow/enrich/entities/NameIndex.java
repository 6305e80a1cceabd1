package io.newsflow.enrich.entities;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds every mention of known names in a text, in English, Russian and Ukrainian. Words are compared by key:
 * Latin words lowercased without diacritics ("Genève" = "Geneve"), Cyrillic words lowercased with their inflectional
 * ending taken off ("Украины", "Украине", "Украиной" = "Украина"), possessives dropped ("Ukraine’s" = "Ukraine").
 * Case still matters where it tells names from words: a name must start with a capital in the text, and a name
 * written in capitals ("AP", "US", "НАТО") or starting lowercase ("dpa") must be written exactly so.
 * Overlapping mentions keep the longest ("Kyiv Independent" over "Kyiv"), then the earliest.
 *
 * @param <T> what a name stands for
 */
public final class NameIndex<T> {

    private static final Pattern WORD = Pattern.compile(
            "(?:\\p{L}\\.){2,}|[\\p{L}\\p{M}\\p{N}]+(?:['’\\-][\\p{L}\\p{M}\\p{N}]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Russian and Ukrainian noun and adjectival-surname endings, longest first, that the key of a Cyrillic word leaves out. */
    private static final List<String> ENDINGS = List.of(
            "ией", "ією", "ами", "ями", "ого", "его", "ому", "ему", "ий", "ый", "ій", "им", "ым", "ах", "ях", "ою", "ею", "єю", "ой", "ей", "ом", "ем", "ії", "ію", "ия", "ию",
            "ии", "ія", "ие", "ье", "а", "я", "ы", "и", "і", "ї", "е", "є", "у", "ю", "о", "ь", "й");
    private static final int MIN_STEM = 3;

    /** A mention: the candidates it may stand for (several for an ambiguous name), and where it is. */
    public record Mention<T>(List<T> candidates, int start, int end, String written) {
    }

    private record Form<T>(String[] keys, String written, boolean exactCase, List<T> targets) {
    }

    private final Map<String, List<Form<T>>> formsByFirstKey = new HashMap<>();

    /** @param targetsByForm every written form of a name and what it stands for (several for an ambiguous form) */
    public NameIndex(Map<String, ? extends List<T>> targetsByForm) {
        targetsByForm.forEach((written, targets) -> {
            List<String> keys = new ArrayList<>();
            Matcher m = WORD.matcher(written);
            while (m.find()) {
                keys.add(key(m.group()));
            }
            if (keys.isEmpty()) {
                return;
            }
            boolean exactCase = !Character.isUpperCase(written.charAt(0)) || isCapitals(written);
            Form<T> form = new Form<>(keys.toArray(String[]::new), written, exactCase, List.copyOf(targets));
            formsByFirstKey.computeIfAbsent(form.keys()[0], k -> new ArrayList<>()).add(form);
        });
        // Longest forms first, so that the first match at a position is the longest.
        formsByFirstKey.values().forEach(forms -> forms.sort((a, b) -> b.keys().length - a.keys().length));
    }

    /** The mentions in {@code text}, in text order, none overlapping. */
    public List<Mention<T>> find(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<int[]> spans = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            spans.add(new int[]{m.start(), m.end()});
            keys.add(key(m.group()));
        }
        List<Mention<T>> mentions = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<Form<T>> forms = formsByFirstKey.get(keys.get(i));
            if (forms == null) {
                continue;
            }
            for (Form<T> form : forms) {
                if (matchesAt(form, text, spans, keys, i)) {
                    int start = spans.get(i)[0];
                    int end = spans.get(i + form.keys().length - 1)[1];
                    mentions.add(new Mention<>(form.targets(), start, end, text.substring(start, end)));
                    i += form.keys().length - 1;
                    break;
                }
            }
        }
        return mentions;
    }

    private static <T> boolean matchesAt(Form<T> form, String text, List<int[]> spans, List<String> keys, int at) {
        if (at + form.keys().length > keys.size()) {
            return false;
        }
        for (int k = 1; k < form.keys().length; k++) {
            if (!form.keys()[k].equals(keys.get(at + k))) {
                return false;
            }
        }
        int start = spans.get(at)[0];
        if (form.exactCase()) {
            int end = spans.get(at + form.keys().length - 1)[1];
            // The same letters as written, an inflectional ending or a possessive may follow.
            return text.startsWith(form.written(), start) || text.substring(start, end).startsWith(stripEnd(form.written()));
        }
        return Character.isUpperCase(text.charAt(start));
    }

    /** The key words of a name are compared by. */
    public static String key(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.endsWith("’s") || lower.endsWith("'s")) {
            lower = lower.substring(0, lower.length() - 2);
        }
        if (isCyrillic(lower)) {
            return stem(lower);
        }
        // Most words are plain ASCII: they have no diacritics to drop, and normalising them is most of the cost.
        return isAscii(lower) ? lower : MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    private static String stem(String cyrillic) {
        for (String ending : ENDINGS) {
            if (cyrillic.endsWith(ending) && cyrillic.length() - ending.length() >= MIN_STEM) {
                return cyrillic.substring(0, cyrillic.length() - ending.length());
            }
        }
        return cyrillic;
    }

    private static String stripEnd(String written) {
        return isCyrillic(written) && written.length() > MIN_STEM + 1 ? written.substring(0, written.length() - 1) : written;
    }

    private static boolean isAscii(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCyrillic(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Character.isLetter(word.charAt(i))) {
                return Character.UnicodeBlock.of(word.charAt(i)) == Character.UnicodeBlock.CYRILLIC;
            }
        }
        return false;
    }

    private static boolean isCapitals(String written) {
        boolean letters = false;
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letters |= Character.isLetter(c);
        }
        return letters;
    }

    /** The forms of {@code names}, each standing for {@code target}, merged into {@code into} (ambiguous forms list all). */
    public static <T> void addForms(Map<String, List<T>> into, Iterable<String> names, T target) {
        for (String name : names) {
            List<T> targets = into.computeIfAbsent(name, n -> new ArrayList<>());
            if (!targets.contains(target)) {
                targets.add(target);
            }
        }
    }
}
