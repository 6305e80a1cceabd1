package io.newsflow.enrich.topics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxonomyTest {

    private final Taxonomy taxonomy = Taxonomy.bundled();

    @Test
    void bundledTaxonomyHasTheSeventeenTopLevelTopicsAndTheWorldNewsBranches() {
        assertThat(taxonomy.topics().stream().filter(t -> t.parent() == null)).hasSize(17);
        assertThat(taxonomy.get("medtop:20000056").label()).isEqualTo("armed conflict");
        assertThat(taxonomy.get("medtop:20000639").label()).isEqualTo("diplomacy");
        assertThat(taxonomy.get("medtop:20000073").label()).isEqualTo("peace process");
        assertThat(taxonomy.get("medtop:20000642").label()).isEqualTo("economic sanction");
        assertThat(taxonomy.get("medtop:20000574").label()).isEqualTo("election");
        assertThat(taxonomy.topics()).hasSizeGreaterThan(100);
    }

    @Test
    void ancestorsAndLevelsFollowTheParents() {
        assertThat(taxonomy.ancestors("medtop:20000598")).extracting(Topic::code)
                .containsExactly("medtop:20000593", "medtop:11000000");
        assertThat(taxonomy.level("medtop:11000000")).isEqualTo(1);
        assertThat(taxonomy.level("medtop:20000602")).isEqualTo(5);
    }

    @Test
    void rejectsMalformedCodesRepeatsAndMissingParents() {
        assertThatThrownBy(() -> new Taxonomy(List.of(new Topic("16000000", "war", null, List.of()))))
                .hasMessageContaining("medtop:");
        Topic top = new Topic("medtop:16000000", "conflict", null, List.of());
        assertThatThrownBy(() -> new Taxonomy(List.of(top, top))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new Taxonomy(List.of(new Topic("medtop:20000056", "armed conflict", "medtop:16000000", List.of()))))
                .hasMessageContaining("medtop:16000000").hasMessageContaining("not in the taxonomy");
    }

    @Test
    void rejectsACycleOfParents() {
        assertThatThrownBy(() -> new Taxonomy(List.of(
                new Topic("medtop:00000001", "a", "medtop:00000002", List.of()),
                new Topic("medtop:00000002", "b", "medtop:00000001", List.of()))))
                .hasMessageContaining("cycle");
    }
}
