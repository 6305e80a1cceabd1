package io.newsflow.ingest.extract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Author names as bylines and metadata write them, cleaned: no leading "By", no surrounding punctuation,
 * "Jane Doe and John Roe" split in two, "jane@example.com (Jane Doe)" reduced to the name, URLs and e-mail
 * addresses dropped, duplicates removed (ignoring case).
 */
public final class AuthorNames {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
    private static final Pattern LEADING_BY = Pattern.compile("^(?i:by)(?:\\s*:\\s*|\\s+)");
    private static final Pattern MAIL_WITH_NAME = Pattern.compile("^\\S+@\\S+\\s*\\((.+)\\)$");
    private static final Pattern SEPARATORS = Pattern.compile("\\s+(?:and|&)\\s+|\\s*;\\s*", Pattern.CASE_INSENSITIVE);
    private static final String EDGE_PUNCTUATION = ",;:|-\u2013\u2014\u2022·/ ";
    private static final int MAX_NAME_CHARS = 100;

    private AuthorNames() {
    }

    /** The names in {@code raw} (each one or several names as written), cleaned, in order, without duplicates. */
    public static List<String> clean(Collection<String> raw) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String text : raw) {
            if (text == null) {
                continue;
            }
            String s = SPACES.matcher(text).replaceAll(" ").strip();
            Matcher mail = MAIL_WITH_NAME.matcher(s);
            if (mail.matches()) {
                s = mail.group(1);
            }
            s = LEADING_BY.matcher(trimPunctuation(s)).replaceFirst("");
            for (String part : SEPARATORS.split(s)) {
                String name = trimPunctuation(part);
                if (isName(name)) {
                    names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return new ArrayList<>(names.values());
    }

    private static boolean isName(String s) {
        return !s.isEmpty() && s.length() <= MAX_NAME_CHARS && !s.contains("@") && !s.contains("://")
                && s.chars().anyMatch(Character::isLetter);
    }

    private static String trimPunctuation(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && EDGE_PUNCTUATION.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && EDGE_PUNCTUATION.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
