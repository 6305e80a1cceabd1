package io.newsflow.core.article;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language an article is written in.
 *
 * @param code       ISO 639-1 code ("en", "ru", "uk")
 * @param confidence how sure the detection is, 0 to 1 (a declared language the text could not confirm has a low one)
 * @param source     {@link #DETECTED} when read from the text, {@link #DECLARED} when taken from the page's declaration
 *                   because the text was too short to tell
 */
public record DetectedLanguage(String code,
                               // Jackson would read an absent number as 0; FAIL makes it an error, as the schema requires.
                               @JsonSetter(nulls = Nulls.FAIL) double confidence,
                               String source) {

    public static final String DETECTED = "detected";
    public static final String DECLARED = "declared";

    private static final Pattern CODE = Pattern.compile("[a-z]{2}");
    private static final Set<String> SOURCES = Set.of(DETECTED, DECLARED);

    /**
     * @throws NullPointerException     if code or source is null
     * @throws IllegalArgumentException if code is not two lowercase letters, confidence is not 0 to 1, or source is
     *                                  neither "detected" nor "declared"
     */
    public DetectedLanguage {
        Fields.required(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("language code '" + code + "' is not an ISO 639-1 code like 'en'");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " of language " + code + " is outside 0..1");
        }
        Fields.required(source, "source");
        if (!SOURCES.contains(source)) {
            throw new IllegalArgumentException("language source '" + source + "' is neither 'detected' nor 'declared'");
        }
    }
}
