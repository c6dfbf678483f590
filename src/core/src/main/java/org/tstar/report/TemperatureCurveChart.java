package org.tstar.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tstar.model.TrialResult;
import org.tstar.search.Comparison;
import org.tstar.search.SearchOutcome;
import org.tstar.search.trial.TrialRecord;

/**
 * The report plots: validation accuracy against temperature on a log axis (the grid's curve, the analytical
 * trials numbered in proposal order, vertical marks at T̂* and at each search's chosen T), and the compute each
 * search spent. It draws; {@link ChartFile} writes each as PNG and SVG.
 */
public final class TemperatureCurveChart {
    public static final String CURVE = "temperature-curve";
    public static final String COMPUTE = "compute";

    private static final Color GRID = new Color(0x4C72B0);
    private static final Color ANALYTICAL = new Color(0xDD8452);
    private static final Color ESTIMATE = new Color(0x55A868);

    private TemperatureCurveChart() {
    }

    /** The curve and compute charts of a comparison, as PNG and SVG. */
    public static void write(ReportFolder folder, Comparison c) {
        write(folder, c, true);
    }

    /**
     * The curve and compute charts of a comparison; {@code vector} false writes PNG only (a benchmark writes dozens
     * of plots, and an SVG of one is about half a megabyte).
     */
    public static void write(ReportFolder folder, Comparison c, boolean vector) {
        XYChart curve = curveChart(c.space());
        double[] range = accuracyRange(List.of(c.grid(), c.analytical()));
        addSearch(curve, c.grid(), "grid trials", GRID, false, range);
        String seeded = c.analytical().strategy().label();
        addSearch(curve, c.analytical(), seeded + " trials (numbered in proposal order)", ANALYTICAL, true, range);
        addPruned(curve, c.analytical(), ANALYTICAL);
        addRobustness(curve, c.grid());
        addMark(curve, "T̂* = " + RunSummary.temperature(c.estimate().temperature()) + " (training-free estimate)",
                c.estimate().temperature(), range, ESTIMATE);
        addMark(curve, "grid's T* = " + RunSummary.temperature(Comparison.chosenTemperature(c.grid())),
                Comparison.chosenTemperature(c.grid()), range, GRID);
        addMark(curve, seeded + " T* = " + RunSummary.temperature(Comparison.chosenTemperature(c.analytical())),
                Comparison.chosenTemperature(c.analytical()), range, ANALYTICAL);
        finishRange(curve, range);
        ChartFile.save(folder, CURVE, curve, vector);

        CategoryChart compute = new CategoryChartBuilder().width(760).height(460)
                .title(c.space() + ": compute spent by each search").xAxisTitle("measure").yAxisTitle("amount (epochs; seconds of training)").build();
        compute.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        compute.getStyler().setChartBackgroundColor(Color.WHITE);
        compute.getStyler().setLabelsVisible(true);
        compute.getStyler().setLabelsFontColorAutomaticEnabled(false);
        compute.getStyler().setSeriesColors(new Color[] {GRID, ANALYTICAL});
        List<String> measures = List.of("epochs", "training seconds");
        compute.addSeries("grid (" + c.grid().trialCount() + " trials)", measures,
                List.of((double) c.grid().epochs(), round(c.grid().trainingSeconds())));
        compute.addSeries(seeded + " (" + c.analytical().trialCount() + " trials)", measures,
                List.of((double) c.analytical().epochs(), round(c.analytical().trainingSeconds())));
        ChartFile.save(folder, COMPUTE, compute, vector);
    }

    /** The curve chart of a single search. */
    public static void write(ReportFolder folder, SearchOutcome o, double estimate, String space) {
        XYChart curve = curveChart(space);
        double[] range = accuracyRange(List.of(o));
        addSearch(curve, o, o.strategy().label() + " trials", o.strategy().label().equals("grid") ? GRID : ANALYTICAL,
                !o.strategy().label().equals("grid"), range);
        addPruned(curve, o, o.strategy().label().equals("grid") ? GRID : ANALYTICAL);
        addRobustness(curve, o);
        addMark(curve, "T̂* = " + RunSummary.temperature(estimate) + " (training-free estimate)", estimate, range, ESTIMATE);
        double chosen = o.chosenResult().map(TrialResult::temperature).orElse(Double.NaN);
        addMark(curve, o.strategy().label() + " T* = " + RunSummary.temperature(chosen), chosen, range, GRID);
        finishRange(curve, range);
        ChartFile.save(folder, CURVE, curve, true);
    }

    private static XYChart curveChart(String space) {
        XYChart chart = new XYChartBuilder().width(960).height(560)
                .title(space + ": validation accuracy against softmax temperature")
                .xAxisTitle("temperature T (log scale)").yAxisTitle("validation accuracy").build();
        org.knowm.xchart.style.XYStyler s = chart.getStyler();
        s.setXAxisLogarithmic(true);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xDDDDDD));
        s.setDecimalPattern("#.###");
        return chart;
    }

    private static void addSearch(XYChart chart, SearchOutcome o, String name, Color color, boolean numbered,
                                  double[] range) {
        List<TrialRecord> done = new ArrayList<>(o.trials().stream().filter(r -> r.result().completed()).toList());
        if (done.isEmpty()) {
            return;
        }
        List<TrialRecord> byTemperature = new ArrayList<>(done);
        byTemperature.sort(Comparator.comparingDouble(r -> r.result().temperature()));
        double[] x = byTemperature.stream().mapToDouble(r -> r.result().temperature()).toArray();
        double[] y = byTemperature.stream().mapToDouble(r -> r.result().validationAccuracy()).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(numbered ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        if (numbered) {
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            for (TrialRecord r : done) {
                // Above the marker, so the number does not hide it.
                AnnotationText label = new AnnotationText(Integer.toString(r.trial()), r.result().temperature(),
                        r.result().validationAccuracy() + 0.035 * (range[1] - range[0]), false);
                chart.addAnnotation(label);
            }
        } else {
            series.setLineStyle(new BasicStroke(1.5f));
        }
    }

    /** Pruned trials: the low-fidelity score they stopped at, as downward triangles in the search's colour. */
    private static void addPruned(XYChart chart, SearchOutcome o, Color color) {
        List<TrialRecord> pruned = o.trials().stream().filter(r -> r.result().pruned()).toList();
        if (pruned.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(o.strategy().label() + " trials pruned (validation accuracy where they stopped)",
                pruned.stream().mapToDouble(r -> r.result().temperature()).toArray(),
                pruned.stream().mapToDouble(r -> r.result().validationAccuracy()).toArray());
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        series.setMarkerColor(color);
    }

    private static final Color[] ROBUST = {new Color(0x8172B3), new Color(0xC44E52), new Color(0x937860)};
    private static final List<String> ROBUST_NAMES = List.of("test accuracy under Gaussian noise",
            "test accuracy under FGSM", "test accuracy under PGD");

    /** The robustness measures of a search's trials, one dashed series each (only those measured). */
    private static void addRobustness(XYChart chart, SearchOutcome o) {
        List<TrialRecord> done = new ArrayList<>(o.trials().stream().filter(r -> r.result().completed()).toList());
        done.sort(Comparator.comparingDouble(r -> r.result().temperature()));
        for (int m = 0; m < 3; m++) {
            int measure = m;
            List<TrialRecord> measured = done.stream().filter(r -> Double.isFinite(robust(r, measure))).toList();
            if (measured.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(ROBUST_NAMES.get(m) + " (" + o.strategy().label() + " trials)",
                    measured.stream().mapToDouble(r -> r.result().temperature()).toArray(),
                    measured.stream().mapToDouble(r -> robust(r, measure)).toArray());
            series.setLineColor(ROBUST[m]);
            series.setMarkerColor(ROBUST[m]);
            series.setMarker(SeriesMarkers.SQUARE);
            series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
            chart.setYAxisTitle("accuracy");
            chart.setTitle(chart.getTitle().replace("validation accuracy against softmax temperature",
                    "accuracy against T (solid: validation; dashed: perturbed test)"));
        }
    }

    private static double robust(TrialRecord r, int measure) {
        var robustness = r.result().robustness();
        return switch (measure) {
            case 0 -> robustness.noiseAccuracy();
            case 1 -> robustness.fgsmAccuracy();
            default -> robustness.pgdAccuracy();
        };
    }

    private static void addMark(XYChart chart, String name, double temperature, double[] range, Color color) {
        if (!Double.isFinite(temperature)) {
            return;
        }
        XYSeries mark = chart.addSeries(name, new double[] {temperature, temperature}, new double[] {range[0], range[1]});
        mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        mark.setMarker(SeriesMarkers.NONE);
        mark.setLineColor(color);
        mark.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    }

    private static double[] accuracyRange(List<SearchOutcome> outcomes) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (SearchOutcome o : outcomes) {
            for (TrialRecord r : o.trials()) {
                for (double a : new double[] {r.result().validationAccuracy(), robust(r, 0), robust(r, 1), robust(r, 2)}) {
                    if (Double.isFinite(a)) {
                        lo = Math.min(lo, a);
                        hi = Math.max(hi, a);
                    }
                }
            }
        }
        if (!Double.isFinite(lo)) {
            return new double[] {0, 1};
        }
        double pad = Math.max(0.005, 0.08 * (hi - lo));
        return new double[] {Math.max(0, lo - pad), Math.min(1, hi + pad)};
    }

    private static void finishRange(XYChart chart, double[] range) {
        chart.getStyler().setYAxisMin(range[0]);
        chart.getStyler().setYAxisMax(range[1]);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
