package io.newsflow.core.article;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleIdTest {

    @Test
    void tracking_parameters_fragment_case_and_default_port_do_not_change_the_id() {
        String id = ArticleId.of("https://example.com/world/nato-plan?id=7&page=2");
        assertThat(ArticleId.of("HTTPS://Example.COM:443/world/nato-plan?page=2&utm_source=rss&id=7&fbclid=abc#comments"))
                .isEqualTo(id);
    }

    @Test
    void a_trailing_slash_does_not_change_the_id_but_the_root_keeps_its_slash() {
        assertThat(ArticleId.of("https://x.example/news/a/")).isEqualTo(ArticleId.of("https://x.example/news/a"));
        assertThat(ArticleId.normalise("https://x.example/news/a/?utm_medium=rss")).isEqualTo("https://x.example/news/a");
        assertThat(ArticleId.normalise("https://x.example/")).isEqualTo("https://x.example/");
    }

    @Test
    void a_different_path_or_parameter_is_a_different_article() {
        String id = ArticleId.of("https://example.com/world/nato-plan?id=7");
        assertThat(ArticleId.of("https://example.com/world/nato-plan?id=8")).isNotEqualTo(id);
        assertThat(ArticleId.of("https://example.com/world/nato-plan-2?id=7")).isNotEqualTo(id);
        assertThat(ArticleId.of("http://example.com/world/nato-plan?id=7")).isNotEqualTo(id);
    }

    @Test
    void ids_are_32_hex_characters() {
        assertThat(ArticleId.of("https://example.com/")).matches("[0-9a-f]{32}");
        assertThat(ArticleId.normalise("https://example.com")).isEqualTo("https://example.com/");
    }

    @Test
    void rejects_what_is_not_an_http_url() {
        assertThatThrownBy(() -> ArticleId.of("ftp://example.com/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArticleId.of("/relative/path")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArticleId.of("https://exa mple.com/")).isInstanceOf(IllegalArgumentException.class);
    }
}
