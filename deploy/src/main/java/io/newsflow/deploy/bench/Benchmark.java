package io.newsflow.deploy.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * A {@code bench} subcommand that {@code ./newsflow bench all} can run: it measures, reports its progress on
 * {@code out}, and returns its lines of the summary table. Implementing this is all a new benchmark needs to appear
 * in {@code bench all} and in {@code benchmarks/results.md}.
 */
public interface Benchmark {

    List<BenchResult> measure(PrintWriter out) throws Exception;

    /** The CPU time {@code process} (this JVM, a service, a server) has used so far, all its threads together. */
    static Duration cpuTime(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("cannot read the CPU time of process "
                + process.pid() + ": the benchmarks need the processes they start, on this machine, readable by this user"));
    }
}
