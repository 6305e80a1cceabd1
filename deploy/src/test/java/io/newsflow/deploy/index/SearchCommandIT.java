package io.newsflow.deploy.index;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.core.article.EnrichedArticle;
import io.newsflow.deploy.Await;
import io.newsflow.deploy.cli.NewsflowCommand;
import io.newsflow.deploy.testing.SharedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./newsflow search} against articles index-service indexed into the shared stack's Elasticsearch. */
class SearchCommandIT {

    private static IndexTestKit kit;
    private static String index;
    private static final List<EnrichedArticle> articles = new ArrayList<>();

    @BeforeAll
    static void indexArticles() {
        kit = new IndexTestKit(SharedStack.get().kafkaBootstrapServers(), SharedStack.get().elasticsearchUrl());
        index = kit.unique("search");
        kit.startService(index, kit.unique("search-group"), new SimpleMeterRegistry());
        articles.add(kit.article(1, "Grain ships leave the harbour"));
        articles.add(kit.article(2, "Parliament debates the budget"));
        articles.forEach(kit::publish);
        Await.until("the articles searchable", Duration.ofSeconds(60), () -> kit.count(index, articles) == articles.size());
    }

    @AfterAll
    static void stop() {
        kit.close();
    }

    @Test
    void prints_the_best_hits_with_title_publisher_time_and_a_marked_snippet() {
        String output = search("grain", "ships", kit.run());

        assertThat(output).contains("1. Grain ships leave the harbour")
                .containsPattern("Example News \\| \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d)?\\+01:00 \\| "
                        + Pattern.quote(articles.getFirst().article().url()))
                .contains("Article 1 of run **" + kit.run() + "**")
                .contains("1 of 1 matching articles for \"grain ships " + kit.run() + "\"")
                .doesNotContain("Parliament");
    }

    @Test
    void the_snippet_marks_the_words_found_in_the_text() {
        String output = search("Odesa", kit.run(), "--size", "5");

        assertThat(output).contains("harbour of **Odesa** reopened").contains("2 of 2 matching articles");
    }

    @Test
    void filters_by_topic_publisher_cited_source_and_age() {
        assertThat(search("Odesa", kit.run(), "--topic", "medtop:04000000")).contains("2 of 2 matching");
        assertThat(search("Odesa", kit.run(), "--topic", "economy, business and finance")).contains("2 of 2 matching");
        assertThat(search("Odesa", kit.run(), "--topic", "medtop:11000000")).contains("0 of 0 matching");
        assertThat(search("Odesa", kit.run(), "--source", "example.org")).contains("2 of 2 matching");
        assertThat(search("Odesa", kit.run(), "--source", "Other Paper")).contains("0 of 0 matching");
        assertThat(search("Odesa", kit.run(), "--cites", "Reuters")).contains("2 of 2 matching");
        assertThat(search("Odesa", kit.run(), "--since", "36h")).as("one published a day ago, one two days ago").contains("1 of 1 matching")
                .contains("Grain ships");
        assertThat(search("Odesa", kit.run(), "--since", "3d")).contains("2 of 2 matching");
    }

    @Test
    void an_age_it_cannot_read_is_refused_before_any_request() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new NewsflowCommand()).setErr(new PrintWriter(err))
                .execute("search", "x", "--since", "yesterday", "--elasticsearch", "http://127.0.0.1:9");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--since yesterday is not an age like 30m, 24h, 7d or 2w");
    }

    private static String search(String... arguments) {
        List<String> command = new ArrayList<>(List.of("search"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--elasticsearch", SharedStack.get().elasticsearchUrl().toString(), "--index", index));
        StringWriter out = new StringWriter();
        int exit = new CommandLine(new NewsflowCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute(command.toArray(String[]::new));
        assertThat(exit).as("exit code; output:%n%s", out).isZero();
        return out.toString();
    }
}
