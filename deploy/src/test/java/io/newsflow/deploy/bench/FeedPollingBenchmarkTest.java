package io.newsflow.deploy.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The feed polling benchmark's core on a few feeds: it polls, measures its baseline, and names a bottleneck. */
class FeedPollingBenchmarkTest {

    @Test
    void measures_polls_of_feeds_that_answer_304_and_of_feeds_with_fresh_items() throws Exception {
        FeedPollingBenchmark.Result notModified = FeedPollingBenchmark.run(40, 2, 8, Duration.ofSeconds(2), false, null);
        FeedPollingBenchmark.Result fresh = FeedPollingBenchmark.run(40, 2, 8, Duration.ofSeconds(2), true, null);

        assertThat(notModified.mode()).isEqualTo("304s");
        assertThat(fresh.mode()).isEqualTo("fresh items");
        for (FeedPollingBenchmark.Result result : new FeedPollingBenchmark.Result[] {notModified, fresh}) {
            assertThat(result.pollsPerMinute()).isPositive();
            assertThat(result.baselineGetsPerMinute()).isPositive();
            assertThat(result.ratioToTarget()).isEqualTo(result.pollsPerMinute() / FeedPollingBenchmark.TARGET_PER_MINUTE);
            assertThat(result.bottleneck()).isNotBlank();
        }
    }
}
