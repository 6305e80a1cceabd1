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
    void names_elasticsearch_would_refuse_are_refused_at_start() {
        for (String bad : new String[]{"News", "_hidden", "a b", "a*", "-x"}) {
            assertThatThrownBy(() -> IndexNames.from(new Settings(Map.of("NEWSFLOW_INDEX_NAME", bad))))
                    .isInstanceOf(InvalidSettingException.class).hasMessageContaining("NEWSFLOW_INDEX_NAME");
        }
    }
}
