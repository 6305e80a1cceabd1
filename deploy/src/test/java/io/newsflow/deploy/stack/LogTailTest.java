package io.newsflow.deploy.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @TempDir
    Path tmp;

    @Test
    void keepsTheLastLines() throws IOException {
        Path log = tmp.resolve("server.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));

        String tail = LogTail.lastLines(log, 30);

        assertThat(tail.lines()).hasSize(30).startsWith("line 71").endsWith("line 100");
    }

    @Test
    void saysWhenThereIsNoLog() {
        assertThat(LogTail.describe(tmp.resolve("missing.log"))).contains("no log at").contains("missing.log");
    }
}
