package org.tstar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSource;
import org.tstar.data.FeatureSet;
import org.tstar.data.SeededPermutation;
import org.tstar.data.Standardization;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CumulativeSpectralGradient;
import org.tstar.estimate.TemperatureCoefficients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tstar bench estimate-cost}: how long the training-free estimate (PCA projection + CSG + T̂*) takes as the
 * number of rows grows, on one core; writes one CSV row per size and a short summary with the fitted slope.
 */
@Command(name = "estimate-cost", mixinStandardHelpOptions = true,
        description = "Time the CSG-based estimate at growing row counts and write reports/estimate-cost.csv.")
final class EstimateCostBench implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, description = "Data SPEC, e.g. the MNIST training files as idx:…")
    String data;

    @Option(names = "--sizes", split = ",", defaultValue = "7500,15000,30000,60000",
            description = "Row counts to time (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per size; the median is reported.")
    int repeats;

    @Option(names = "--out", defaultValue = "reports/estimate-cost.csv") Path out;

    @Option(names = "--verbose") boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (repeats < 1) {
            throw new InvalidInputException("--repeats: must be ≥ 1, got " + repeats);
        }
        FeatureSet all = DataSource.parse(data).loadAll();
        FeatureSet pool = Standardization.fit(all).apply(all);
        for (int n : sizes) {
            if (n < 10 || n > pool.rows()) {
                throw new InvalidInputException("--sizes: " + n + " is outside 10.." + pool.rows() + " rows of " + data);
            }
        }
        TemperatureCoefficients paper = TemperatureCoefficients.load("paper");
        CumulativeSpectralGradient csg = CumulativeSpectralGradient.standard();
        int[] order = SeededPermutation.of(pool.rows(), new Random(7));
        // Warm-up: the first ND4J call pays for native loading, which is not the estimate's cost.
        AnalyticalTemperature.estimate(pool.width(), pool.select(Arrays.copyOf(order, 2000), "warmup"), paper, csg);

        PrintWriter console = spec.commandLine().getOut();
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        List<double[]> points = new ArrayList<>();
        try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(partial), CSVFormat.DEFAULT.builder()
                .setHeader("rows", "dims", "classes", "csg_queries", "seconds_median", "seconds_min", "seconds_max",
                        "csg", "t_hat", "threads").get())) {
            for (int n : sizes) {
                FeatureSet subset = pool.select(Arrays.copyOf(order, n), pool.name() + "-" + n);
                double[] seconds = new double[repeats];
                AnalyticalTemperature.Estimate estimate = null;
                for (int r = 0; r < repeats; r++) {
                    long start = System.nanoTime();
                    estimate = AnalyticalTemperature.estimate(subset.width(), subset, paper, csg);
                    seconds[r] = (System.nanoTime() - start) / 1e9;
                }
                Arrays.sort(seconds);
                double median = seconds[repeats / 2];
                csv.printRecord(n, subset.width(), subset.classCount(),
                        Math.min(csg.samplesPerClass(), n / subset.classCount()) * subset.classCount(),
                        median, seconds[0], seconds[repeats - 1], estimate.csg(), estimate.temperature(),
                        System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
                csv.flush();
                points.add(new double[] {n, median});
                console.printf("n = %6d: %.3f s (median of %d), csg = %.4f%n", n, median, repeats, estimate.csg());
            }
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        double[] line = leastSquares(points, false);
        double[] logLog = leastSquares(points, true);
        String slope = String.format("%.3f s per 10,000 rows (intercept %.3f s); log-log exponent %.2f",
                line[1] * 1e4, line[0], logLog[1]);
        console.println("slope: " + slope);
        Path summary = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.csv$", "") + ".md");
        StringBuilder md = new StringBuilder("# Estimate cost\n\n")
                .append("Time of the training-free estimate (PCA to ").append(csg.projectionDims())
                .append(" dims fitted on ≤ 10,000 rows, CSG with k = ").append(csg.neighbours()).append(", m = ")
                .append(csg.samplesPerClass()).append(" per class, T̂*) on ").append(pool.width())
                .append("-dimensional rows of `").append(data).append("`, OMP_NUM_THREADS = ")
                .append(System.getenv().getOrDefault("OMP_NUM_THREADS", "unset")).append(", median of ")
                .append(repeats).append(" runs after a warm-up.\n\n| rows | seconds |\n|---:|---:|\n");
        points.forEach(p -> md.append(String.format("| %.0f | %.3f |%n", p[0], p[1])));
        md.append("\nLinear fit: ").append(slope).append(".\n\nMade by: `bin/tstar bench estimate-cost --data ")
                .append(data).append(" --out ").append(out).append("`\n");
        Files.writeString(summary, md);
        console.printf("wrote %s and %s%n", out, summary);
        return 0;
    }

    /** Ordinary least squares y = a + b·x, on logarithms of both when {@code logs}. */
    static double[] leastSquares(List<double[]> points, boolean logs) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            double x = logs ? Math.log(p[0]) : p[0];
            double y = logs ? Math.log(p[1]) : p[1];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        int n = points.size();
        double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {(sy - b * sx) / n, b};
    }
}
