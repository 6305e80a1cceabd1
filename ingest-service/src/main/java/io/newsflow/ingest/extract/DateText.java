package io.newsflow.ingest.extract;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.text.ParsePosition;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a date-time as feeds and pages write it, keeping the offset it was written with:
 * ISO 8601 / RFC 3339 ({@code 2024-05-01T10:00:00+02:00}, {@code +0200}, {@code Z}, with or without fractions)
 * and RFC 822 / 1123 ({@code Wed, 01 May 2024 10:00:00 +0200}, {@code GMT} and the North American zone names).
 * A text without a time or without an offset gives nothing: the offset would be a guess.
 */
public final class DateText {

    private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final Pattern ZONE_NAME = Pattern.compile("\\s([A-Za-z]{1,3})$");

    /** Zone names RFC 822 allows besides numeric offsets (military letters aside). */
    private static final Map<String, String> RFC822_ZONES = Map.ofEntries(
            Map.entry("UT", "+0000"), Map.entry("UTC", "+0000"), Map.entry("GMT", "+0000"), Map.entry("Z", "+0000"),
            Map.entry("EST", "-0500"), Map.entry("EDT", "-0400"), Map.entry("CST", "-0600"), Map.entry("CDT", "-0500"),
            Map.entry("MST", "-0700"), Map.entry("MDT", "-0600"), Map.entry("PST", "-0800"), Map.entry("PDT", "-0700"));

    private DateText() {
    }

    public static Optional<OffsetDateTime> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip();
        // Parsing without resolving first: most texts that fail (no offset, another format) fail here, cheaply,
        // instead of by an exception, which costs more than the parse (pages hold many date-like texts).
        ParsePosition position = new ParsePosition(0);
        TemporalAccessor iso = ISO.parseUnresolved(s, position);
        if (iso != null && position.getErrorIndex() < 0 && position.getIndex() == s.length()) {
            if (!iso.isSupported(ChronoField.OFFSET_SECONDS)) {
                return Optional.empty();
            }
            try {
                return Optional.of(OffsetDateTime.parse(s, ISO));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        if (s.indexOf(' ') < 0) {
            return Optional.empty(); // RFC 822 dates always have spaces; "2024-05-14" and the like end here
        }
        try {
            return Optional.of(OffsetDateTime.parse(withNumericZone(s), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String withNumericZone(String rfc822) {
        Matcher zone = ZONE_NAME.matcher(rfc822);
        if (zone.find()) {
            String offset = RFC822_ZONES.get(zone.group(1).toUpperCase(Locale.ROOT));
            if (offset != null) {
                return rfc822.substring(0, zone.start(1)) + offset;
            }
        }
        return rfc822;
    }
}
