package org.tstar.search.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The analytical bracket's temperatures: {@code n} log-spaced around T̂* spanning T̂* ÷ {@code span} to T̂* × span
 * (moved inside [{@code min}, {@code max}] when they would cross it), proposed nearest T̂* first; the second wave
 * halves the spacing on both sides of the first wave's leader, or steps on beyond an edge the leader sits at, so an
 * estimate that is far off is caught by the cheap first rung instead of by full trials. One instance serves one
 * bracket: the second wave uses the spacing the first wave chose.
 */
public final class SeededBracketStart implements BracketStart {
    private final double seed;
    private final double span;
    private final double min;
    private final double max;
    private double step;

    public SeededBracketStart(double seed, double span, double min, double max) {
        if (!(seed > 0) || !(span > 1) || !(min > 0) || !(max > min)) {
            throw new IllegalArgumentException("seed > 0, span > 1, 0 < min < max");
        }
        this.seed = seed;
        this.span = span;
        this.min = min;
        this.max = max;
    }

    @Override
    public List<Double> firstWave(int n) {
        double lo = Math.log(min);
        double hi = Math.log(max);
        step = n > 1 ? Math.min(2 * Math.log(span), hi - lo) / (n - 1) : 0;
        double half = step * (n - 1) / 2;
        double centre = Math.min(hi - half, Math.max(lo + half, Math.log(Math.min(max, Math.max(min, seed)))));
        List<double[]> offsets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double offset = (i - (n - 1) / 2.0) * step;
            offsets.add(new double[]{offset, centre + offset});
        }
        offsets.sort(Comparator.<double[]>comparingDouble(o -> Math.abs(o[0])).thenComparingDouble(o -> o[0]));
        return offsets.stream().map(o -> clip(Math.exp(o[1]))).distinct().toList();
    }

    @Override
    public List<Double> secondWave(List<double[]> scored, int n) {
        double[] leader = null;
        double lowest = Double.POSITIVE_INFINITY;
        double highest = 0;
        for (double[] s : scored) {
            lowest = Math.min(lowest, s[0]);
            highest = Math.max(highest, s[0]);
            if (Double.isFinite(s[1]) && (leader == null || s[1] > leader[1] || s[1] == leader[1]
                    && Math.abs(Math.log(s[0] / seed)) < Math.abs(Math.log(leader[0] / seed)))) {
                leader = s;
            }
        }
        if (leader == null || n == 0 || step == 0) {
            return List.of();
        }
        List<Double> out = new ArrayList<>();
        double x = Math.log(leader[0]);
        if (leader[0] == lowest || leader[0] == highest) {
            double direction = leader[0] == lowest ? -1 : 1;
            for (int j = 1; j <= n; j++) {
                out.add(clip(Math.exp(x + direction * j * step)));
            }
        } else {
            for (int j = 0; out.size() < n; j++) {
                double offset = step / Math.pow(2, 1 + j / 2);
                out.add(clip(Math.exp(x + (j % 2 == 0 ? -offset : offset))));
            }
        }
        double led = leader[0];
        return out.stream().filter(t -> t != led).distinct().toList();
    }

    @Override
    public boolean placesSecondWave() {
        return true;
    }

    private double clip(double t) {
        return Math.min(max, Math.max(min, t));
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "seeded at T̂* = %.4g, ×/÷ %.3g, second wave around the leader", seed, span);
    }
}
