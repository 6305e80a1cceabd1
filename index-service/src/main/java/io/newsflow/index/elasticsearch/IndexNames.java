package io.newsflow.index.elasticsearch;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;

import java.util.regex.Pattern;

/**
 * The names of the article index, all derived from one base name (default {@code news-articles}):
 * searches go to the read alias (the base name), writes to the write alias ({@code news-articles-write}),
 * and both point at a versioned concrete index ({@code news-articles-v1}) created from the index template
 * ({@code news-articles}, matching {@code news-articles-v*}). A mapping migration creates the next version
 * and moves the aliases, so neither readers nor the writer ever name a concrete index.
 */
public record IndexNames(String base) {

    public static final String INDEX_NAME = "NEWSFLOW_INDEX_NAME";
    public static final int FIRST_VERSION = 1;

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,200}");

    public IndexNames {
        if (!VALID.matcher(base).matches()) {
            throw new InvalidSettingException(INDEX_NAME + "=" + base + " is not a valid index name: use lowercase letters, "
                    + "digits, '.', '_' and '-', starting with a letter or digit");
        }
    }

    public static IndexNames from(Settings settings) {
        return new IndexNames(settings.string(INDEX_NAME, "news-articles"));
    }

    /** The alias searches use. */
    public String readAlias() {
        return base;
    }

    /** The alias the service writes to; it has exactly one write index. */
    public String writeAlias() {
        return base + "-write";
    }

    public String templateName() {
        return base;
    }

    /** The alias a migration writes to while it replays the topic into the next index version. */
    public String migrationAlias() {
        return base + "-migrating";
    }

    /**
     * The version of one of these indices: 3 for {@code news-articles-v3}.
     *
     * @throws IllegalArgumentException if {@code index} is not one of them
     */
    public int versionOf(String index) {
        String prefix = base + "-v";
        if (index.startsWith(prefix)) {
            try {
                int version = Integer.parseInt(index.substring(prefix.length()));
                if (version >= FIRST_VERSION) {
                    return version;
                }
            } catch (NumberFormatException e) {
                // falls through to the refusal
            }
        }
        throw new IllegalArgumentException("index " + index + " is not a version of " + base + " (" + indexPattern()
                + " with a number): point the aliases at " + index(FIRST_VERSION) + " or a later version");
    }

    /** The concrete indices the template applies to. */
    public String indexPattern() {
        return base + "-v*";
    }

    public String index(int version) {
        return base + "-v" + version;
    }
}
