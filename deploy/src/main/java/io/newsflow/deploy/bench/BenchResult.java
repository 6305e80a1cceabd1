package io.newsflow.deploy.bench;

/**
 * One line of the benchmark table: a measured value and, where the benchmark has one, the baseline measured in the same
 * run on the same machine.
 *
 * @param benchmark     the benchmark, e.g. {@code pipeline}
 * @param measure       what was measured, e.g. {@code throughput}
 * @param value         the value
 * @param unit          its unit, e.g. {@code articles/s}
 * @param baseline      what the value is compared with, e.g. {@code plain _bulk}, or null
 * @param baselineValue the baseline's value, in the same unit (ignored without a baseline)
 */
public record BenchResult(String benchmark, String measure, double value, String unit, String baseline, double baselineValue) {

    public static BenchResult of(String benchmark, String measure, double value, String unit) {
        return new BenchResult(benchmark, measure, value, unit, null, 0);
    }

    public boolean hasBaseline() {
        return baseline != null;
    }

    /** value / baseline value; NaN without a baseline. */
    public double ratio() {
        return hasBaseline() && baselineValue != 0 ? value / baselineValue : Double.NaN;
    }
}
