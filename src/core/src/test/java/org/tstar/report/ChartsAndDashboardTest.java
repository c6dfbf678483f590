package org.tstar.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.metrics.TuningMetrics;
import org.tstar.search.Comparison;
import org.tstar.search.KnownCurves;
import org.tstar.search.SearchTask;

/**
 * The plots of a comparison (known curve, no training) and the Grafana dashboard's queries against the metric
 * names the application exports after that comparison.
 */
class ChartsAndDashboardTest {
    @TempDir
    static Path dir;
    static Comparison comparison;
    static String exposition;

    @BeforeAll
    static void compare() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("space", "digits-linear");
        TuningMetrics metrics = new TuningMetrics();
        metrics.bindTo(registry);
        SearchTask task = KnownCurves.task(KnownCurves.space("parallelism: 1"), 1.5,
                KnownCurves.trial(KnownCurves.bump(0.5)));
        comparison = Comparison.run(task, r -> { }, s -> List.of(metrics.listener(s)));
        metrics.recordComparison(comparison);
        exposition = registry.scrape();
        TemperatureCurveChart.write(ReportFolder.create(dir.resolve("run")), comparison);
    }

    /** Dashed vertical lines of the plot area (the legend's samples are horizontal), by stroke colour. */
    static List<double[]> verticalMarks(String svg, String rgb) {
        Matcher m = Pattern.compile("<line style=\"[^\"]*stroke:" + Pattern.quote(rgb)
                + ";[^\"]*stroke-dasharray:6,4;\" x1=\"([-0-9.]+)\" x2=\"([-0-9.]+)\" y1=\"([-0-9.]+)\" y2=\"([-0-9.]+)\"").matcher(svg);
        List<double[]> found = new ArrayList<>();
        while (m.find()) {
            double x1 = Double.parseDouble(m.group(1));
            double x2 = Double.parseDouble(m.group(2));
            if (x1 == x2) {
                found.add(new double[] {x1, Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
            }
        }
        return found;
    }

    @Test
    void curveSvgHasTheThreeMarksAtTheirTemperaturesAndBothSeries() throws Exception {
        Path run = dir.resolve("run");
        for (String f : List.of("temperature-curve.png", "temperature-curve.svg", "compute.png", "compute.svg")) {
            assertThat(run.resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readAllBytes(run.resolve("temperature-curve.png"))).startsWith(0x89, 'P', 'N', 'G');
        String svg = Files.readString(run.resolve("temperature-curve.svg"));
        List<double[]> estimate = verticalMarks(svg, "rgb(85,168,104)");
        List<double[]> grid = verticalMarks(svg, "rgb(76,114,176)");
        List<double[]> analytical = verticalMarks(svg, "rgb(221,132,82)");
        assertThat(estimate).hasSize(1);
        assertThat(grid).hasSize(1);
        assertThat(analytical).hasSize(1);
        // On a log axis x grows with ln T: the marks stand in the order of their temperatures.
        double tHat = comparison.estimate().temperature();
        double tGrid = Comparison.chosenTemperature(comparison.grid());
        double tAnalytical = Comparison.chosenTemperature(comparison.analytical());
        double pixelsPerLog = (estimate.get(0)[0] - grid.get(0)[0]) / Math.log(tHat / tGrid);
        assertThat(pixelsPerLog).isPositive();
        assertThat(analytical.get(0)[0] - grid.get(0)[0]).isCloseTo(pixelsPerLog * Math.log(tAnalytical / tGrid),
                org.assertj.core.data.Offset.offset(1.0));
        // The grid's curve: a marker per grid trial joined by solid segments, in its colour; the analytical
        // trials: diamond markers in theirs (the legend adds one sample of each).
        int gridTrials = comparison.grid().trialCount();
        assertThat(count(svg, "<ellipse [^>]*style=\"fill:rgb\\(76,114,176\\);stroke:none;\"")).isBetween(gridTrials, gridTrials + 1);
        assertThat(count(svg, "<line style=\"fill:none;stroke:rgb\\(76,114,176\\);stroke-width:1.5;[^\"]*stroke-linecap:square;\""))
                .isGreaterThanOrEqualTo(gridTrials - 1);
        int analyticalTrials = comparison.analytical().trialCount();
        assertThat(count(svg, "<path [^>]*style=\"fill:rgb\\(221,132,82\\);stroke:none;\"")).isBetween(analyticalTrials, analyticalTrials + 1);
    }

    static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        String dashboard = Files.readString(Path.of("docker/grafana/dashboards/tuning-cost.json"));
        Set<String> queried = new TreeSet<>();
        Matcher m = Pattern.compile("tstar_[a-z_]+").matcher(dashboard);
        while (m.find()) {
            queried.add(m.group());
        }
        queried.remove("tstar_tuning_cost");
        // a Spark run's meters (tstar-spark's SparkCompareTest checks those panels against a Spark run)
        queried.removeIf(name -> name.startsWith("tstar_spark_"));
        Set<String> exported = new TreeSet<>();
        for (String line : exposition.lines().toList()) {
            if (line.startsWith("tstar_")) {
                exported.add(line.replaceFirst("[{ ].*", ""));
            }
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(10);
        assertThat(exported).containsAll(queried);
    }
}
