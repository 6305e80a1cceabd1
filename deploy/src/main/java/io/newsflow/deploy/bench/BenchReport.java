package io.newsflow.deploy.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmarks' short table, and its record: each run appends its table, with the date, the commit and the machine
 * (cores, memory, JDK), to {@code benchmarks/results.md} at the repository root, which is kept under version control so
 * that a regression shows up as a diff.
 */
public final class BenchReport {

    static final Path RESULTS = Path.of("benchmarks", "results.md");
    private static final String HEADER = """
            # Benchmark results

            Appended by `./newsflow bench` (one section per run, newest last). Each value stands next to a baseline
            measured in the same run on the same machine where the benchmark has one; compare ratios across machines,
            not raw numbers. See README.md, "Benchmarks".
            """;

    private BenchReport() {
    }

    /** The table: benchmark, measure, value, baseline, ratio. */
    public static String table(List<BenchResult> results) {
        StringBuilder table = new StringBuilder("| benchmark | measure | value | baseline | ratio |\n|---|---|---:|---|---:|\n");
        for (BenchResult r : results) {
            table.append("| ").append(r.benchmark()).append(" | ").append(r.measure()).append(" | ")
                    .append(number(r.value())).append(' ').append(r.unit()).append(" | ")
                    .append(r.hasBaseline() ? r.baseline() + ": " + number(r.baselineValue()) + " " + r.unit() : "")
                    .append(" | ").append(r.hasBaseline() ? String.format(Locale.ROOT, "%.2f", r.ratio()) : "")
                    .append(" |\n");
        }
        return table.toString();
    }

    /** Prints the table and appends it, with the run's date, commit and machine, to {@code benchmarks/results.md}. */
    public static void publish(List<BenchResult> results, String command, Path home, PrintWriter out) throws IOException {
        String table = table(results);
        out.println();
        out.print(table);
        Path file = home.resolve(RESULTS);
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, HEADER, StandardCharsets.UTF_8);
        }
        String section = "\n## " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " `" + command + "`\n\n"
                + "commit " + commit(home) + "; " + machine() + "\n\n" + table;
        Files.writeString(file, section, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        out.println("appended to " + file);
        out.flush();
    }

    /**
     * Cores, memory and JDK of this machine, and its load average when the run ended: numbers from a machine busy with
     * other work are not comparable with those from an idle one.
     */
    static String machine() {
        return String.format(Locale.ROOT, "%d cores, %s RAM, JDK %s (%s), load average %.1f", Runtime.getRuntime().availableProcessors(),
                memory(), Runtime.version(), System.getProperty("java.vendor"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String memory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return String.format(Locale.ROOT, "%.1f GiB", os.getTotalMemorySize() / (double) (1L << 30));
        }
        return "unknown";
    }

    /** The checked-out commit, with {@code +changes} when the working tree differs from it; {@code unknown} without git. */
    static String commit(Path home) {
        String head = git(home, "rev-parse", "--short=12", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String status = git(home, "--no-optional-locks", "status", "--porcelain", "--untracked-files=no");
        return status == null || status.isEmpty() ? head : head + "+changes";
    }

    private static String git(Path home, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The highest resident set size the process ever had (Linux: VmHWM), in MiB; -1 when it cannot be read. */
    public static long peakRssMb(long pid) {
        try {
            Matcher m = PEAK_RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) / 1024 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static final Pattern PEAK_RSS = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
