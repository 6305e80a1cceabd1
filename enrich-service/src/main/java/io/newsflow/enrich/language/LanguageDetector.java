package io.newsflow.enrich.language;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.newsflow.core.article.DetectedLanguage;
import io.newsflow.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the language of an article from its function words and the letters only one language of a script uses
 * (the bundled {@code language-profiles.json}: en, de, fr, es, it, pt, nl, pl, ru, uk). Function words are the most
 * frequent words of every text, so a few hundred characters are enough, and counting them is a hash look-up per
 * word: far faster than a statistical model, and exact for the languages the pipeline reads.
 *
 * <p>Evidence for a language is the number of its function words in the text plus half the number of its own
 * letters (Ukrainian і, ї, є, ґ against Russian ы, э, ъ, ё), both read from the first {@value #MAX_CHARS}
 * characters. The confidence is the best language's share of the evidence of the best two. The language is
 * {@link DetectedLanguage#DETECTED} when its evidence reaches {@value #MIN_EVIDENCE} and its confidence
 * {@value #MIN_CONFIDENCE}; otherwise the page's declared language is taken ({@link DetectedLanguage#DECLARED},
 * confidence {@value #DECLARED_CONFIDENCE}: the page says so, the text cannot confirm it), or none.
 */
public final class LanguageDetector {

    static final int MAX_CHARS = 4000;
    static final double MIN_EVIDENCE = 4;
    static final double MIN_CONFIDENCE = 0.6;
    static final double DECLARED_CONFIDENCE = 0.5;
    private static final double LETTER_WEIGHT = 1;
    private static final String BUNDLED = "/language-profiles.json";
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}]+(?:['’][\\p{L}]+)?");
    private static final Pattern DECLARED = Pattern.compile("([A-Za-z]{2})(?:[-_].*)?");

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Profile(String code, String letters, Set<String> words) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record ProfileFile(List<Profile> languages) {
    }

    private final List<Profile> profiles;
    /** For each function word, the indexes of the profiles it belongs to. */
    private final Map<String, int[]> languagesOfWord = new HashMap<>();
    private final Map<Character, int[]> languagesOfLetter = new HashMap<>();

    private LanguageDetector(List<Profile> profiles) {
        this.profiles = List.copyOf(profiles);
        for (int i = 0; i < profiles.size(); i++) {
            Profile profile = profiles.get(i);
            for (String word : profile.words()) {
                languagesOfWord.merge(word, new int[]{i}, LanguageDetector::concat);
            }
            for (char letter : profile.letters().toCharArray()) {
                languagesOfLetter.merge(letter, new int[]{i}, LanguageDetector::concat);
            }
        }
    }

    public static LanguageDetector bundled() {
        try (InputStream in = LanguageDetector.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the enrich-service jar: rebuild the module");
            }
            return new LanguageDetector(Json.mapper().readValue(in, ProfileFile.class).languages());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + BUNDLED + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param title    the article's title, or null
     * @param text     its text, or null
     * @param declared the language the page declares ("en-GB", "uk"), or null
     * @return the language, or null when the text is too short to tell and the page declares none
     */
    public DetectedLanguage detect(String title, String text, String declared) {
        String sample = ((title == null ? "" : title) + "\n" + (text == null ? "" : text));
        sample = sample.substring(0, Math.min(sample.length(), MAX_CHARS)).toLowerCase(Locale.ROOT);
        double[] evidence = new double[profiles.size()];
        Matcher words = WORD.matcher(sample);
        while (words.find()) {
            int[] languages = languagesOfWord.get(words.group());
            if (languages != null) {
                for (int language : languages) {
                    evidence[language]++;
                }
            }
        }
        for (int i = 0; i < sample.length(); i++) {
            int[] languages = languagesOfLetter.get(sample.charAt(i));
            if (languages != null) {
                for (int language : languages) {
                    evidence[language] += LETTER_WEIGHT;
                }
            }
        }
        int best = 0;
        for (int i = 1; i < evidence.length; i++) {
            best = evidence[i] > evidence[best] ? i : best;
        }
        double runnerUp = 0;
        for (int i = 0; i < evidence.length; i++) {
            runnerUp = i != best ? Math.max(runnerUp, evidence[i]) : runnerUp;
        }
        double confidence = evidence[best] == 0 ? 0 : evidence[best] / (evidence[best] + runnerUp);
        if (evidence[best] >= MIN_EVIDENCE && confidence >= MIN_CONFIDENCE) {
            return new DetectedLanguage(profiles.get(best).code(), Math.round(confidence * 1000) / 1000.0, DetectedLanguage.DETECTED);
        }
        Matcher code = declared == null ? null : DECLARED.matcher(declared.strip());
        return code != null && code.matches()
                ? new DetectedLanguage(code.group(1).toLowerCase(Locale.ROOT), DECLARED_CONFIDENCE, DetectedLanguage.DECLARED)
                : null;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] both = new int[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
