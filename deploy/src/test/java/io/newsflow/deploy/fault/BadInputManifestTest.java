package io.newsflow.deploy.fault;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The corpus's manifest is complete and consistent, so that BadInputCorpusIT runs every case it lists. */
class BadInputManifestTest {

    private final List<BadInputCase> cases = BadInputCase.all();

    @Test
    void lists_at_least_fifty_cases_with_unique_ids_across_every_stage() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(50);
        assertThat(cases).extracting(BadInputCase::id).doesNotHaveDuplicates();
        assertThat(cases).extracting(BadInputCase::stage).containsAll(BadInputCase.STAGES);
    }

    @Test
    void every_case_has_a_known_outcome_a_reason_to_match_and_bounds() {
        for (BadInputCase c : cases) {
            assertThat(BadInputCase.STAGES).as("stage of %s", c).contains(c.stage());
            assertThat(c.expect()).as("outcomes of %s", c).isNotEmpty().isSubsetOf(BadInputCase.OUTCOMES);
            if (!c.expect().equals(List.of("parsed"))) {
                assertThat(c.reason()).as("reason of %s", c).isNotBlank();
                Pattern.compile(c.reason());
            }
            assertThat(c.maxSeconds()).as("time bound of %s", c).isPositive();
            if (!c.stage().equals("fetch-policy")) {
                assertThat(c.maxRssMb()).as("memory bound of %s", c).isNotNull().isPositive();
            }
            assertThat(c.why()).as("description of %s", c).isNotBlank();
        }
    }

    @Test
    void every_input_exists_or_is_generated_and_every_corpus_file_is_used() throws IOException {
        Set<String> used = new HashSet<>();
        for (BadInputCase c : cases) {
            assertThat(c.input() == null ^ c.generate() == null || c.serve() != null)
                    .as("%s names an input file, a generator, or a way of serving", c).isTrue();
            if (c.generate() != null) {
                assertThat(BadInputs.GENERATORS).as("generator of %s", c).contains(c.generate());
            }
            if (c.serve() != null) {
                assertThat(BadInputs.SERVE).as("serve of %s", c).contains(c.serve());
            }
            if (c.input() != null && !c.stage().equals("fetch-policy")) {
                assertThat(c.inputBytes()).as("input of %s", c).isNotNull();
                used.add(c.input());
            }
        }
        // The repository's files, not the build's copy of them, which may still hold a file deleted since.
        Path root = Path.of("src", "test", "resources", "bad-input");
        assertThat(root).as("the corpus's source directory (tests run in the deploy module's directory)").isDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            List<String> corpus = files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString())
                    .filter(name -> !name.equals("manifest.json")).toList();
            assertThat(used).as("corpus files used by a case").containsAll(corpus.stream()
                    .filter(name -> !name.endsWith("-valid.json")).toList());
        }
    }

    @Test
    void covers_every_kind_of_bad_input_the_issue_names() {
        List<String> ids = cases.stream().map(BadInputCase::id).toList();
        for (String kind : List.of("truncated", "mismatched", "xxe", "billion-laughs", "gzip-bomb", "one-gigabyte",
                "redirect-loop", "policy-", "invalid-utf8", "labelled", "deep-nesting", "million-links", "ten-mb-line",
                "raw-not-json", "raw-missing", "over-topic-limit", "enriched-immense", "stall", "reset", "trickle")) {
            assertThat(ids).as("cases of kind %s", kind).anyMatch(id -> id.contains(kind));
        }
    }
}
