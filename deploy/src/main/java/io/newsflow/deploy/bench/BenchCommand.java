package io.newsflow.deploy.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ./newsflow bench}: the benchmarks. Each prints its numbers next to a baseline measured in the same run, as a
 * ratio, so that a slower or faster machine does not change the verdict. {@code bench} alone, or {@code bench all},
 * runs every registered benchmark, prints one table and appends it to {@code benchmarks/results.md}; a subcommand that
 * is not a {@link Benchmark} is run for its own output only.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: each prints its result next to a baseline measured in the same run, as a ratio.",
        subcommands = {ExtractionBenchmark.class, CommandLine.HelpCommand.class,
                PipelineBenchmark.class, IndexBenchmark.class, FeedPollingBenchmark.class, BenchCommand.All.class})
public final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return runAll();
    }

    /** {@code bench all}: the same as {@code bench} alone. */
    @Command(name = "all", mixinStandardHelpOptions = true,
            description = "Runs every benchmark with its defaults, prints one table and appends it to benchmarks/results.md.")
    static final class All implements Callable<Integer> {

        @CommandLine.ParentCommand
        BenchCommand bench;

        @Override
        public Integer call() throws Exception {
            return bench.runAll();
        }
    }

    private int runAll() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<BenchResult> results = new ArrayList<>();
        Map<Object, Boolean> done = new IdentityHashMap<>();
        for (Map.Entry<String, CommandLine> sub : spec.commandLine().getSubcommands().entrySet()) {
            Object command = sub.getValue().getCommand();
            if (command instanceof All || command instanceof CommandLine.HelpCommand || done.put(command, true) != null) {
                continue;
            }
            out.printf("%n== bench %s%n", sub.getKey());
            out.flush();
            if (command instanceof Benchmark benchmark) {
                // Parsing no arguments gives the benchmark's options their default values, as running it alone would.
                sub.getValue().parseArgs();
                results.addAll(benchmark.measure(out));
            } else if (sub.getValue().execute() != 0) {
                return 1;
            }
        }
        BenchReport.publish(results, "bench all", PipelineBenchmark.home(), out);
        return 0;
    }
}
