package io.newsflow.index.elasticsearch;

import io.newsflow.core.config.InvalidSettingException;
import io.newsflow.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IndexNamesTest {

    @Test
    void every_name_derives_from_the_base_name() {
        IndexNames names = IndexNames.from(new Settings(Map.of()));
        assertThat(names.readAlias()).isEqualTo("news-articles");
        assertThat(names.writeAlias()).isEqualTo("news-articles-write");
        assertThat(names.index(IndexNames.FIRST_VERSION)).isEqualTo("news-articles-v1");
        assertThat(names.indexPattern()).isEqualTo("news-articles-v*");
        assertThat(names.templateName()).isEqualTo("news-articles");
        assertThat(IndexNames.from(new Settings(Map.of("NEWSFLOW_INDEX_NAME", "test-1"))).writeAlias()).isEqualTo("test-1-write");
    }

    @Test
    void versions_are_read_back_from_index_names() {
        IndexNames names = new IndexNames("news-articles");
        assertThat(names.versionOf("news-articles-v1")).isEqualTo(1);
        assertThat(names.versionOf(names.index(12))).isEqualTo(12);
        assertThat(names.migrationAlias()).isEqualTo("news-articles-migrating");
        for (String other : new String[]{"news-articles", "news-articles-v0", "news-articles-vx", "other-v2"}) {
            assertThatThrownBy(() -> names.versionOf(other)).as(other).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a version of news-articles");
        }
    }

    @Test
    void names_elasticsearch_would_refuse_are_refused_at_start() {
        for (String bad : new String[]{"News", "_hidden", "a b", "a*", "-x"}) {
            assertThatThrownBy(() -> IndexNames.from(new Settings(Map.of("NEWSFLOW_INDEX_NAME", bad))))
                    .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_INDEX_NAME");
        }
    }
}
