package io.newsflow.deploy.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void caught_up_once_every_feed_was_polled_and_every_article_reached_its_end() {
        assertThat(new Progress(2, 2, 0, 4, 4, 4, 0).caughtUp()).isTrue();
        assertThat(new Progress(2, 2, 0, 4, 3, 3, 1).caughtUp()).as("one dead-lettered by enrich").isTrue();
    }

    @Test
    void not_caught_up_while_work_is_in_flight_or_a_feed_was_not_polled_by_this_run() {
        assertThat(new Progress(2, 1, 0, 4, 4, 4, 0).caughtUp()).as("a feed not polled yet").isFalse();
        assertThat(new Progress(2, 2, 0, 4, 4, 3, 0).caughtUp()).as("one not indexed yet").isFalse();
        assertThat(new Progress(2, 2, 0, 4, 3, 3, 0).caughtUp()).as("one not enriched yet").isFalse();
        assertThat(new Progress(0, 0, 0, 0, 0, 0, 0).caughtUp()).as("nothing subscribed").isFalse();
    }

    @Test
    void the_line_says_what_fails() {
        assertThat(new Progress(3, 3, 1, 4, 4, 4, 0).line())
                .isEqualTo("feeds 3/3 polled (1 failing) | ingested 4 | enriched 4 | indexed 4 | dead letters 0");
    }
}
