package io.newsflow.ingest.extract;

import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The publication day many news sites put in their article paths ({@code /2024/11/27/talks-resume},
 * {@code /world/2024-11-27-talks-resume}): the last resort when neither the feed item nor the page gives a date.
 * A path names a day, not a moment, and no offset: the result is that day's start in UTC, so a consumer must read it
 * as "this day" (its source is {@code URL}).
 */
public final class UrlDate {

    /** Year, month and day as path segments, or joined by dashes inside one segment; never a longer run of digits. */
    private static final Pattern SEGMENTS = Pattern.compile("/((?:19|20)\\d{2})/(0?[1-9]|1[0-2])/(0?[1-9]|[12]\\d|3[01])(?=/|$|[-_.])");
    private static final Pattern DASHED = Pattern.compile("(?<![\\d])((?:19|20)\\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])(?![\\d])");

    private UrlDate() {
    }

    /** The day in {@code url}'s path, or empty when it names none (or an impossible one, such as 2023-02-30). */
    public static Optional<OffsetDateTime> of(String url) {
        String path;
        try {
            path = URI.create(url).getRawPath();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (Pattern pattern : new Pattern[] {SEGMENTS, DASHED}) {
            Matcher m = pattern.matcher(path);
            if (m.find()) {
                try {
                    LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                    return Optional.of(day.atStartOfDay().atOffset(ZoneOffset.UTC));
                } catch (DateTimeException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
