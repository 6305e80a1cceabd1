package io.newsflow.core.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner's reaction to a failed service, with the process exit replaced by a recorder. */
class ServiceRunnerTest {

    private final Logger runnerLog = (Logger) LoggerFactory.getLogger(ServiceRunner.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    /** Each exit call as "code on thread". */
    private final BlockingQueue<String> exits = new LinkedBlockingQueue<>();
    private final IntConsumer exit = code -> exits.add(code + " on " + Thread.currentThread().getName());

    @BeforeEach
    void captureLog() {
        logged.start();
        runnerLog.addAppender(logged);
        runnerLog.setAdditive(false); // the expected failures need not fill the console with stack traces
    }

    @AfterEach
    void releaseLog() {
        runnerLog.detachAppender(logged);
        runnerLog.setAdditive(true);
    }

    @Test
    void a_failure_is_logged_and_exits_with_code_1_from_a_thread_of_its_own() throws InterruptedException {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        IllegalStateException cause = new IllegalStateException("the consume loop stopped: broker refused the group");

        ServiceRunner.exitOnFailure("test-service", failure, exit);
        assertThat(exits.poll(100, TimeUnit.MILLISECONDS)).as("no exit while the service works").isNull();
        failure.complete(cause);

        assertThat(exits.poll(10, TimeUnit.SECONDS)).isEqualTo("1 on test-service-exit");
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).isEqualTo("test-service failed: the consume loop stopped: broker refused the group");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo(cause.getMessage());
        });
    }

    @Test
    void a_failure_completed_exceptionally_exits_too() throws InterruptedException {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        ServiceRunner.exitOnFailure("test-service", failure, exit);

        failure.completeExceptionally(new IllegalStateException("stream client shut down"));

        assertThat(exits.poll(10, TimeUnit.SECONDS)).isEqualTo("1 on test-service-exit");
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("test-service failed: stream client shut down");
    }

    @Test
    void a_failure_before_the_runner_listens_still_exits() throws InterruptedException {
        ServiceRunner.exitOnFailure("test-service", CompletableFuture.completedFuture(new NullPointerException()), exit);

        assertThat(exits.poll(10, TimeUnit.SECONDS)).isEqualTo("1 on test-service-exit");
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("test-service failed: java.lang.NullPointerException");
    }
}
