package io.newsflow.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads configuration from environment variables (12-factor), with defaults.
 * A bad value fails at start with a message naming the variable, the value and what was expected.
 * Values of variables whose name marks a secret are never put in messages.
 */
public final class Settings {

    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private final Map<String, String> values;

    public Settings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The process environment. */
    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /**
     * The value, stripped of surrounding whitespace (a stray space from a YAML file or shell quoting), except for a
     * secret: a password may begin or end with a space, so it is taken exactly as given.
     */
    public String string(String name, String defaultValue) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return isSecret(name) ? value : value.strip();
    }

    /** A value that must be given. */
    public String required(String name, String whatItIs) {
        String value = string(name, null);
        if (value == null) {
            throw new InvalidSettingException(name + " is not set: it must name " + whatItIs);
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        int value = parse(name, defaultValue, Integer::parseInt, "a whole number");
        if (value < min || value > max) {
            throw new InvalidSettingException(name + "=" + value + " is out of range: expected " + min + " to " + max);
        }
        return value;
    }

    public boolean bool(String name, boolean defaultValue) {
        return parse(name, defaultValue, Settings::parseBoolean, "true or false");
    }

    /** A duration such as {@code 30s}, {@code 5m}, {@code 2h}, {@code 250ms}, or ISO-8601 ({@code PT5M}). */
    public Duration duration(String name, Duration defaultValue) {
        Duration value = parse(name, defaultValue, Settings::parseDuration, "a duration such as 30s, 5m or 250ms");
        if (value.isNegative() || value.isZero()) {
            throw new InvalidSettingException(name + "=" + values.get(name) + " must be a positive duration");
        }
        return value;
    }

    /**
     * The name of this instance of a service, unique among its instances (Kafka fences or replaces a transactional
     * producer or static group member by it): the variable {@code name}, by default the host name, which is unique
     * per container or pod.
     */
    public String instanceId(String name) {
        String id = string(name, hostName());
        if (!INSTANCE_ID.matcher(id).matches()) {
            throw new InvalidSettingException(name + "=" + id + " is not valid: expected letters, digits, '.', '_' or '-' (at most 200)");
        }
        return id;
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return INSTANCE_ID.matcher(host).matches() ? host : "instance";
        } catch (UnknownHostException e) {
            return "instance";
        }
    }

    private <T> T parse(String name, T defaultValue, Function<String, T> parser, String expected) {
        String raw = string(name, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new InvalidSettingException(name + "=" + shown(name, raw) + " is not valid: expected " + expected);
        }
    }

    private static String shown(String name, String raw) {
        return isSecret(name) ? "(hidden)" : raw;
    }

    private static boolean isSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.contains("PASSWORD") || upper.contains("SECRET") || upper.contains("TOKEN") || upper.contains("KEY");
    }

    private static boolean parseBoolean(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException(raw);
        };
    }

    /**
     * Reads the pipeline's one duration syntax: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, a bare
     * number of seconds, or ISO-8601 ({@code PT5M}).
     *
     * @throws IllegalArgumentException if {@code raw} is none of these
     */
    public static Duration parseDuration(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            try {
                return Duration.parse(raw.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(raw, e);
            }
        }
        int split = 0;
        while (split < s.length() && Character.isDigit(s.charAt(split))) {
            split++;
        }
        long amount = Long.parseLong(s.substring(0, split));
        return switch (s.substring(split)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException(raw);
        };
    }
}
