package org.tstar.search.sampler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The analytical search's proposal rule in x = ln T, free of Arbiter: seed at x0 = ln T̂*, try x0 ± ln r, step
 * outward by ln r while the best point sits at an edge of what was tried, then refine the bracket around the
 * best point (parabolic vertex when admissible, else a golden-section point in the larger gap).
 *
 * <p>Invariants: no proposal lies closer than ln(tolerance) to a tried or pending point, so once every gap of
 * the bracket is narrower than 2·ln(tolerance) nothing is admissible and the search is finished; at that point
 * every temperature in the bracket is within a factor {@code tolerance} of a tried one. Deterministic: the same
 * sequence of results gives the same proposals. A failed probe scores −∞ and is never waited for.
 *
 * <p>It does not decide how long a trial trains (that is a pruner's or a fidelity schedule's), nor where the
 * temperature goes in a candidate (that is the Arbiter generator's).
 */
public final class SeededBracketSearch {
    private static final double GOLDEN = (3 - Math.sqrt(5)) / 2;
    /** Slack for the spacing rule, so a point exactly ln(tolerance) away stays admissible despite rounding. */
    private static final double EPS = 1e-9;

    /** One proposed point: pending until a score or a failure arrives. Scores are oriented, higher is better. */
    private static final class Probe {
        final double x;
        boolean pending = true;
        double score = Double.NEGATIVE_INFINITY;

        Probe(double x) {
            this.x = x;
        }
    }

    private final double lower;
    private final double upper;
    private final double seed;
    private final double step;
    private final double spacing;
    private final int maxProbes;
    private final int parallelism;
    private final List<Probe> probes = new ArrayList<>();

    /**
     * @param seedTemperature T̂* (clipped into the space here)
     * @param rangeFactor     r ≥ tolerance: the seed's neighbours are T̂*·r and T̂* ÷ r, outward steps are ×r
     * @param tolerance       the smallest ratio between two proposed temperatures, > 1
     */
    public SeededBracketSearch(double minTemperature, double maxTemperature, double seedTemperature, double rangeFactor,
                        double tolerance, int maxProbes, int parallelism) {
        if (!(tolerance > 1) || !(rangeFactor >= tolerance) || maxProbes < 1 || parallelism < 1) {
            // A step shorter than the spacing rule could never be proposed, and the search would stop early.
            throw new IllegalArgumentException("need tolerance > 1, range factor ≥ tolerance, maxTrials ≥ 1, "
                    + "parallelism ≥ 1; got tolerance " + tolerance + ", range " + rangeFactor + ", maxTrials "
                    + maxProbes + ", parallelism " + parallelism);
        }
        if (!(seedTemperature > 0) || Double.isInfinite(seedTemperature)) {
            throw new IllegalArgumentException("seed temperature must be a finite number > 0, got " + seedTemperature);
        }
        this.lower = Math.log(minTemperature);
        this.upper = Math.log(maxTemperature);
        this.seed = Math.min(upper, Math.max(lower, Math.log(seedTemperature)));
        this.step = Math.log(rangeFactor);
        this.spacing = Math.log(tolerance);
        this.maxProbes = maxProbes;
        this.parallelism = parallelism;
    }

    public double seed() {
        return seed;
    }

    public int proposed() {
        return probes.size();
    }

    public int pending() {
        return (int) probes.stream().filter(p -> p.pending).count();
    }

    /** The next point to try now, or empty when the budget is spent, results must come first, or it is done. */
    public OptionalDouble next() {
        if (probes.size() >= maxProbes || pending() >= parallelism) {
            return OptionalDouble.empty();
        }
        for (double x : plan()) {
            if (admissible(x)) {
                return OptionalDouble.of(x);
            }
        }
        return OptionalDouble.empty();
    }

    /** Records {@code x} as proposed and returns its probe number (0, 1, 2, … in proposal order). */
    public int propose(double x) {
        probes.add(new Probe(x));
        return probes.size() - 1;
    }

    /** @param score oriented so higher is better; a non-finite score counts as a failure */
    public void complete(int probe, double score) {
        Probe p = probes.get(probe);
        p.pending = false;
        p.score = Double.isFinite(score) ? score : Double.NEGATIVE_INFINITY;
    }

    public void fail(int probe) {
        complete(probe, Double.NEGATIVE_INFINITY);
    }

    public boolean isPending(int probe) {
        return probe >= 0 && probe < probes.size() && probes.get(probe).pending;
    }

    /** True when nothing is pending and no admissible point is left (or the budget is spent). */
    public boolean finished() {
        return pending() == 0 && next().isEmpty();
    }

    private boolean admissible(double x) {
        if (x < lower - EPS || x > upper + EPS) {
            return false;
        }
        for (Probe p : probes) {
            if (Math.abs(p.x - x) < spacing - EPS) {
                return false;
            }
        }
        return true;
    }

    /** Candidate points in order of preference; the caller takes the first admissible one. */
    private List<Double> plan() {
        List<Double> plan = new ArrayList<>();
        // The estimate and its narrow range are tried whatever the first results say: they are the prior.
        for (double x : new double[] {seed, seed + step, seed - step}) {
            double clipped = Math.min(upper, Math.max(lower, x));
            if (probes.stream().noneMatch(p -> p.x == clipped) && admissible(clipped)) {
                plan.add(clipped);
            }
        }
        if (!plan.isEmpty()) {
            return plan;
        }
        List<Probe> done = probes.stream().filter(p -> !p.pending).sorted(Comparator.comparingDouble(p -> p.x)).toList();
        if (done.isEmpty()) {
            return plan;
        }
        int b = bestIndex(done);
        Probe best = done.get(b);
        if (best.score == Double.NEGATIVE_INFINITY) {
            // Everything tried failed: look outward beyond both extremes, larger temperatures first (failures
            // usually come from too small a T).
            plan.add(Math.min(upper, done.get(done.size() - 1).x + step));
            plan.add(Math.max(lower, done.get(0).x - step));
            return plan;
        }
        Probe left = b > 0 ? done.get(b - 1) : null;
        Probe right = b < done.size() - 1 ? done.get(b + 1) : null;
        if (right == null && upper - best.x >= spacing - EPS) {
            plan.add(Math.min(upper, best.x + step));
        }
        if (left == null && best.x - lower >= spacing - EPS) {
            plan.add(Math.max(lower, best.x - step));
        }
        if (!plan.isEmpty()) {
            return plan;
        }
        if (left != null && right != null) {
            double vertex = parabolaVertex(left, best, right);
            if (Double.isFinite(vertex) && vertex > left.x && vertex < right.x) {
                plan.add(vertex);
            }
        }
        double leftGap = left == null ? 0 : best.x - left.x;
        double rightGap = right == null ? 0 : right.x - best.x;
        if (rightGap >= leftGap) {
            addGoldenPoint(plan, best.x, rightGap, +1);
            addGoldenPoint(plan, best.x, leftGap, -1);
        } else {
            addGoldenPoint(plan, best.x, leftGap, -1);
            addGoldenPoint(plan, best.x, rightGap, +1);
        }
        return plan;
    }

    /** Golden-section point from the best point into a gap, at least one spacing from both ends (if it fits). */
    private void addGoldenPoint(List<Double> plan, double from, double gap, int direction) {
        if (gap >= 2 * spacing - EPS) {
            plan.add(from + direction * Math.min(gap - spacing, Math.max(spacing, GOLDEN * gap)));
        }
    }

    /** Best completed probe; ties go to the one nearest the seed, then the smaller temperature. */
    private int bestIndex(List<Probe> done) {
        int best = 0;
        for (int i = 1; i < done.size(); i++) {
            Probe p = done.get(i);
            Probe q = done.get(best);
            if (p.score > q.score || (p.score == q.score && Math.abs(p.x - seed) < Math.abs(q.x - seed))) {
                best = i;
            }
        }
        return best;
    }

    private static double parabolaVertex(Probe a, Probe b, Probe c) {
        if (!Double.isFinite(a.score) || !Double.isFinite(c.score)) {
            return Double.NaN;
        }
        double p = (b.x - a.x) * (b.x - a.x) * (b.score - c.score) - (b.x - c.x) * (b.x - c.x) * (b.score - a.score);
        double q = (b.x - a.x) * (b.score - c.score) - (b.x - c.x) * (b.score - a.score);
        return q == 0 ? Double.NaN : b.x - 0.5 * p / q;
    }
}
