package io.newsflow.deploy.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./newsflow bench}: the benchmarks. Each prints its numbers next to a baseline measured in the same run, as a
 * ratio, so that a slower or faster machine does not change the verdict.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: each prints its result next to a baseline measured in the same run, as a ratio.",
        subcommands = {CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
