package io.newsflow.enrich.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds known names (outlets, organisations) in a short phrase: case-sensitive, on word boundaries, the longest
 * form first, so that "Kyiv Independent" wins over "Independent" and "UN Security Council" over "UN".
 * Case matters on purpose: "AP" and "dpa" are names, "ap" and "DPA" in running text are usually not.
 */
final class NameMatcher {

    /** A name found in a phrase: the entity it stands for and where it is in the phrase. */
    record Match(String entity, int start, int end) {
    }

    private record Form(String text, String entity) {
    }

    private final List<Form> forms;

    /** @param entityByForm each written form and the entity it stands for */
    NameMatcher(Map<String, String> entityByForm) {
        List<Form> sorted = new ArrayList<>();
        entityByForm.forEach((form, entity) -> sorted.add(new Form(form, entity)));
        sorted.sort(Comparator.comparingInt((Form f) -> f.text().length()).reversed().thenComparing(Form::text));
        this.forms = List.copyOf(sorted);
    }

    /** The longest known name in {@code phrase} (the earliest among equally long ones), or null. */
    Match find(String phrase) {
        Match best = null;
        for (Form form : forms) {
            if (best != null && form.text().length() < best.end() - best.start()) {
                break;
            }
            for (int at = phrase.indexOf(form.text()); at >= 0; at = phrase.indexOf(form.text(), at + 1)) {
                int end = at + form.text().length();
                if (isBoundary(phrase, at - 1) && isBoundary(phrase, end) && (best == null || at < best.start())) {
                    best = new Match(form.entity(), at, end);
                    break;
                }
            }
        }
        return best;
    }

    /** Whether the character at {@code index} does not continue a word (possessive endings do not). */
    private static boolean isBoundary(String phrase, int index) {
        if (index < 0 || index >= phrase.length()) {
            return true;
        }
        char c = phrase.charAt(index);
        return !Character.isLetterOrDigit(c) && c != '-';
    }
}
