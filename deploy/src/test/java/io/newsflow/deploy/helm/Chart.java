package io.newsflow.deploy.helm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The chart under deploy/helm/newsflow, read as files: helm cannot run on the build machines, so the tests check
 * the templates as text and values.yaml as YAML.
 */
final class Chart {

    /** Surefire runs in the module directory, deploy/. */
    static final Path DIRECTORY = Path.of("helm/newsflow");
    static final Path REPOSITORY_README = Path.of("../README.md");
    static final List<String> SERVICES = List.of("ingest", "enrich", "index");

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern ACTION = Pattern.compile("\\{\\{-?\\s*(.*?)\\s*-?}}", Pattern.DOTALL);
    private static final Pattern OPENS_BLOCK = Pattern.compile("^(if|range|with|define|block)\\b");

    private Chart() {
    }

    static Map<String, Object> yaml(Path file) {
        try {
            return YAML.readValue(file.toFile(), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath() + " as YAML", e);
        }
    }

    static Map<String, Object> yaml(String text) {
        try {
            return YAML.readValue(text, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("not YAML:\n" + text, e);
        }
    }

    static Map<String, Object> values() {
        return yaml(DIRECTORY.resolve("values.yaml"));
    }

    static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
        }
    }

    static String template(String name) {
        return text(DIRECTORY.resolve("templates").resolve(name));
    }

    /** Every file under templates/, by file name. */
    static Map<String, String> templates() {
        try (Stream<Path> files = Files.list(DIRECTORY.resolve("templates"))) {
            Map<String, String> byName = new TreeMap<>();
            files.forEach(file -> byName.put(file.getFileName().toString(), text(file)));
            return byName;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIRECTORY.resolve("templates").toAbsolutePath(), e);
        }
    }

    /** The body of {@code {{ define "name" }}} in _helpers.tpl, nested blocks included. */
    static String define(String name) {
        String helpers = template("_helpers.tpl");
        Matcher action = ACTION.matcher(helpers);
        int bodyStart = -1;
        int depth = 0;
        while (action.find()) {
            String content = action.group(1);
            if (bodyStart < 0) {
                if (content.equals("define \"" + name + "\"")) {
                    bodyStart = action.end();
                    depth = 1;
                }
            } else if (OPENS_BLOCK.matcher(content).find()) {
                depth++;
            } else if (content.equals("end") && --depth == 0) {
                return helpers.substring(bodyStart, action.start());
            }
        }
        throw new AssertionError("_helpers.tpl defines no complete template \"" + name + "\"");
    }

    /**
     * The YAML a define renders, with its template actions taken out: lines that hold only an action are dropped,
     * any other action becomes {@code 0}. Good enough for the plain-YAML defines (probes, annotations).
     */
    static Map<String, Object> defineAsYaml(String name) {
        StringBuilder yaml = new StringBuilder();
        for (String line : define(name).split("\n")) {
            if (!line.isBlank() && !ACTION.matcher(line.strip()).matches()) {
                yaml.append(ACTION.matcher(line).replaceAll("0")).append('\n');
            }
        }
        return yaml(yaml.toString());
    }
}
