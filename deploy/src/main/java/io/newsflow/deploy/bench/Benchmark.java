package io.newsflow.deploy.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * A {@code bench} subcommand that {@code ./newsflow bench all} can run: it measures, reports its progress on
 * {@code out}, and returns its lines of the summary table. Implementing this is all a new benchmark needs to appear
 * in {@code bench all} and in {@code benchmarks/results.md}.
 */
public interface Benchmark {

    List<BenchResult> measure(PrintWriter out) throws Exception;

    /** The CPU time this JVM has used so far, all its threads together, in nanoseconds. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
