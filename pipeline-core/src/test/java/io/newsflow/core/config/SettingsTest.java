package io.newsflow.core.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void defaults_apply_when_unset_or_blank() {
        Settings settings = new Settings(Map.of("BLANK", "  "));
        assertThat(settings.string("BLANK", "d")).isEqualTo("d");
        assertThat(settings.integer("MISSING", 7, 1, 10)).isEqualTo(7);
        assertThat(settings.duration("MISSING", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void durations_read_the_short_and_the_iso_forms() {
        Settings settings = new Settings(Map.of("A", "250ms", "B", "5m", "C", "PT2H", "D", "30"));
        assertThat(settings.duration("A", null)).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.duration("B", null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.duration("C", null)).isEqualTo(Duration.ofHours(2));
        assertThat(settings.duration("D", null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void a_bad_value_names_the_setting_and_what_was_expected() {
        Settings settings = new Settings(Map.of("N", "many", "R", "99", "T", "soon", "B", "maybe"));
        assertThatThrownBy(() -> settings.integer("N", 1, 1, 10)).hasMessage("N=many is not valid: expected a whole number");
        assertThatThrownBy(() -> settings.integer("R", 1, 1, 10)).hasMessage("R=99 is out of range: expected 1 to 10");
        assertThatThrownBy(() -> settings.duration("T", null)).hasMessageStartingWith("T=soon is not valid");
        assertThatThrownBy(() -> settings.bool("B", false)).hasMessage("B=maybe is not valid: expected true or false");
        assertThatThrownBy(() -> settings.required("X", "the thing")).hasMessage("X is not set: it must name the thing");
    }

    @Test
    void values_are_stripped_but_secrets_are_taken_exactly_as_given() {
        Settings settings = new Settings(Map.of("NEWSFLOW_FEEDS", " feeds.opml\n", "NEWSFLOW_ES_PASSWORD", " pass word "));

        assertThat(settings.string("NEWSFLOW_FEEDS", null)).isEqualTo("feeds.opml");
        assertThat(settings.string("NEWSFLOW_ES_PASSWORD", null)).isEqualTo(" pass word ");
    }

    @Test
    void secret_values_are_not_repeated_in_messages() {
        Settings settings = new Settings(Map.of("NEWSFLOW_ES_PASSWORD_TTL", "hunter2"));
        assertThatThrownBy(() -> settings.duration("NEWSFLOW_ES_PASSWORD_TTL", null))
                .hasMessageContaining("(hidden)").hasMessageNotContaining("hunter2");
    }

    @Test
    void instance_ids_default_to_the_host_name_and_must_be_safe_for_kafka_ids() {
        assertThat(new Settings(Map.of()).instanceId("ID")).matches("[A-Za-z0-9._-]+");
        assertThat(new Settings(Map.of("ID", "ingest-2")).instanceId("ID")).isEqualTo("ingest-2");
        assertThatThrownBy(() -> new Settings(Map.of("ID", "two words")).instanceId("ID"))
                .hasMessageStartingWith("ID=two words is not valid");
    }
}
