package org.tstar.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSource;
import org.tstar.data.FeatureSet;
import org.tstar.data.SeededPermutation;
import org.tstar.data.Standardization;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CumulativeSpectralGradient;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.report.CsvText;
import org.tstar.report.ReportFolder;

/**
 * How long the training-free estimate (PCA projection + CSG + T̂*) takes as the number of rows grows, on one core:
 * one CSV row per size and a short summary with the fitted slope.
 *
 * @param data the data SPEC rows are drawn from
 * @param sizes row counts to time
 * @param repeats timed runs per size; the median is reported
 */
public record EstimateCostBenchmark(String data, List<Integer> sizes, int repeats) {
    public static final List<String> COLUMNS = List.of("rows", "dims", "classes", "csg_queries", "seconds_median",
            "seconds_min", "seconds_max", "csg", "t_hat", "threads");

    public EstimateCostBenchmark {
        if (repeats < 1) {
            throw new InvalidInputException("--repeats: must be ≥ 1, got " + repeats);
        }
        sizes = List.copyOf(sizes);
    }

    /** Times every size, then writes {@code out} and the summary beside it ({@code .md}). */
    public void run(Path out, PrintWriter console) throws IOException {
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

        String threads = System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
        List<List<Object>> rows = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
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
            rows.add(List.of(n, subset.width(), subset.classCount(),
                    Math.min(csg.samplesPerClass(), n / subset.classCount()) * subset.classCount(),
                    median, seconds[0], seconds[repeats - 1], estimate.csg(), estimate.temperature(), threads));
            points.add(new double[] {n, median});
            console.printf("n = %6d: %.3f s (median of %d), csg = %.4f%n", n, median, repeats, estimate.csg());
            console.flush();
        }
        ReportFolder folder = ReportFolder.shared(out.toAbsolutePath().getParent());
        folder.writeAtomically(out.getFileName().toString(), CsvText.of(COLUMNS, rows));
        double[] line = leastSquares(points, false);
        double[] logLog = leastSquares(points, true);
        String slope = String.format("%.3f s per 10,000 rows (intercept %.3f s); log-log exponent %.2f",
                line[1] * 1e4, line[0], logLog[1]);
        console.println("slope: " + slope);
        String summaryName = out.getFileName().toString().replaceFirst("\\.csv$", "") + ".md";
        StringBuilder md = new StringBuilder("# Estimate cost\n\n")
                .append("Time of the training-free estimate (PCA to ").append(csg.projectionDims())
                .append(" dims fitted on ≤ 10,000 rows, CSG with k = ").append(csg.neighbours()).append(", m = ")
                .append(csg.samplesPerClass()).append(" per class, T̂*) on ").append(pool.width())
                .append("-dimensional rows of `").append(data).append("`, OMP_NUM_THREADS = ")
                .append(threads).append(", median of ")
                .append(repeats).append(" runs after a warm-up.\n\n| rows | seconds |\n|---:|---:|\n");
        points.forEach(p -> md.append(String.format("| %.0f | %.3f |%n", p[0], p[1])));
        md.append("\nLinear fit: ").append(slope).append(".\n\nMade by: `bin/tstar bench estimate-cost --data ")
                .append(data).append(" --out ").append(out).append("`\n");
        folder.writeAtomically(summaryName, md.toString());
        console.printf("wrote %s and %s%n", out, out.resolveSibling(summaryName));
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
