package io.newsflow.core.article;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans author names as pages give them: "By Jane Doe and John Roe, Reuters | Nov 21, 2024" becomes
 * "Jane Doe" and "John Roe". Drops what is not a name (URLs, e-mail addresses, dates alone), keeps the first
 * spelling of each name.
 */
public final class AuthorNames {

    private static final Pattern BYLINE_PREFIX = Pattern.compile(
            "^(?:(?:written|posted|reported|story|text|words|photos?)\\s+)?(?:by|from|от|від|автор|авторка)\\s*[:\\-–—]?\\s+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern SEVERAL = Pattern.compile("\\s*(?:;|\\s&\\s|\\sand\\s|\\sи\\s|\\sі\\s|\\sта\\s)\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** What follows a name in a byline: a role, an outlet, a place or a date after a separator. */
    private static final Pattern AFTER_NAME = Pattern.compile("\\s*(?:,|\\||•|·|–|—|\\s-\\s|\\().*$");
    private static final Pattern TRAILING_DATE = Pattern.compile(
            "\\s+(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}.*|\\d{1,2}\\s+\\p{L}{3,}\\.?\\s+\\d{4}|\\p{L}{3,}\\.?\\s+\\d{1,2},?\\s+\\d{4}|updated\\b.*|published\\b.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** An RSS {@code <author>}: "jane@example.com (Jane Doe)". */
    private static final Pattern MAIL_WITH_NAME = Pattern.compile("^\\S+@\\S+\\s*\\((.+)\\)$");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
    private static final Pattern NOT_A_NAME = Pattern.compile("(?:https?://|www\\.|@|\\d)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_WORDS = 6;

    private AuthorNames() {
    }

    /** The names in {@code raw} (each one or several names as written), cleaned, in order, without duplicates. */
    public static List<String> clean(Collection<String> raw) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String byline : raw) {
            if (byline == null) {
                continue;
            }
            String text = SPACES.matcher(byline).replaceAll(" ").strip();
            Matcher mail = MAIL_WITH_NAME.matcher(text);
            if (mail.matches()) {
                text = mail.group(1);
            }
            for (String part : SEVERAL.split(stripPrefix(text))) {
                String name = cleanOne(part);
                if (name != null) {
                    names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return new ArrayList<>(names.values());
    }

    private static String stripPrefix(String byline) {
        return BYLINE_PREFIX.matcher(byline).replaceFirst("");
    }

    private static String cleanOne(String part) {
        String name = stripPrefix(part.strip());
        name = TRAILING_DATE.matcher(name).replaceFirst("");
        name = AFTER_NAME.matcher(name).replaceFirst("").strip();
        if (name.isEmpty() || NOT_A_NAME.matcher(name).find() || name.split(" ").length > MAX_WORDS
                || name.chars().noneMatch(Character::isLetter) || name.equals(name.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return name.equals(name.toUpperCase(Locale.ROOT)) ? titleCase(name) : name;
    }

    /** "JANE DOE" → "Jane Doe": some sites shout their bylines. */
    private static String titleCase(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean startOfWord = true;
        for (char c : name.toCharArray()) {
            out.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
            startOfWord = !Character.isLetter(c);
        }
        return out.toString();
    }
}
