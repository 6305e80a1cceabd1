package io.newsflow.core.article;

import java.util.List;
import java.util.Objects;

/**
 * The checks the article records share, so that each refusal names the field in the same words, whether a producer
 * builds the record or {@code Json} reads it from a topic.
 */
final class Fields {

    private Fields() {
    }

    /** @throws NullPointerException "missing required field 'name'" if {@code value} is null */
    static <T> T required(T value, String name) {
        if (value == null) {
            throw new NullPointerException("missing required field '" + name + "'");
        }
        return value;
    }

    /** An absent list is an empty one; a null element stands for nothing and is refused. */
    static <T> List<T> list(List<T> values, String name) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new NullPointerException("null element in field '" + name + "'");
        }
        return List.copyOf(values);
    }

    /**
     * A record of another version may have removed or retyped fields (the schemas raise the version only for
     * such changes), so reading it as this version would misread it: it is refused, and a consumer dead-letters it.
     */
    static void schemaVersion(int version, int supported, String record) {
        if (version != supported) {
            throw new IllegalArgumentException("schemaVersion " + version + " is not supported: this code reads and writes "
                    + record + " version " + supported + " only; upgrade the consumer, then replay the dead-lettered records");
        }
    }
}
