package io.newsflow.deploy.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class IndexCommandTest {

    @Test
    void a_bad_setting_is_a_usage_error_that_names_it_before_any_request() {
        for (String subcommand : new String[] {"status", "migrate"}) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new NewsflowCommand()).setErr(new PrintWriter(err))
                    .execute("index", subcommand, "--index", "Not Valid", "--elasticsearch", "http://127.0.0.1:9");

            assertThat(exit).as("exit code of index %s", subcommand).isEqualTo(2);
            assertThat(err.toString()).as("error of index %s", subcommand).contains("NEWSFLOW_INDEX_NAME");
        }
    }
}
