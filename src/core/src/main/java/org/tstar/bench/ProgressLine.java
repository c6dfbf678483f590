package org.tstar.bench;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.tstar.model.TrialResult;
import org.tstar.report.RunSummary;
import org.tstar.robustness.Robustness;
import org.tstar.search.SearchPlan;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.trial.CurvePoint;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialListener;
import org.tstar.search.trial.TrialRecord;

/**
 * The console's account of a run: a line per ended trial with the strategy's progress (trial k of N, best so
 * far, elapsed, ETA); on a terminal also a live line, rewritten in place, naming the trial now running. Off a
 * terminal (CI, a pipe) only the plain per-trial lines are printed.
 */
public final class ProgressLine implements TrialListener {
    private final PrintWriter console;
    private final boolean live;
    private final boolean trialLines;
    private final SearchSpaceDefinition space;
    private final TrialListener next;
    private final Map<Strategy, Progress> progress = new EnumMap<>(Strategy.class);
    private final Map<Strategy, Integer> plannedTrials = new EnumMap<>(Strategy.class);

    /** One strategy's tally. */
    private static final class Progress {
        final long startNanos = System.nanoTime();
        int ended;
        double trainingSeconds;
        double bestScore = Double.NaN;
        double bestTemperature = Double.NaN;
    }

    public ProgressLine(PrintWriter console, boolean live, SearchSpaceDefinition space, TrialListener next) {
        this(console, live, true, space, next);
    }

    private ProgressLine(PrintWriter console, boolean live, boolean trialLines, SearchSpaceDefinition space,
                         TrialListener next) {
        this.console = console;
        this.live = live;
        this.trialLines = trialLines;
        this.space = space;
        this.next = next;
    }

    /**
     * The live line alone, for a run whose console reports a coarser unit (a suite's task lines): on a terminal the
     * trial now running, rewritten in place and cleared when it ends; off a terminal {@code next} unchanged.
     */
    public static TrialListener liveOnly(PrintWriter console, SearchSpaceDefinition space, TrialListener next) {
        return terminal() ? new ProgressLine(console, true, false, space, next) : next;
    }

    /** True when standard output is an interactive terminal and not a CI job. */
    public static boolean terminal() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public synchronized void trialStarted(Strategy strategy, int trial, double temperature) {
        next.trialStarted(strategy, trial, temperature);
        Progress p = progress.computeIfAbsent(strategy, s -> new Progress());
        if (live) {
            console.print("\r\033[K" + strategy.label() + ": trial " + trial + " of " + planned(strategy)
                    + " running at T = " + RunSummary.temperature(temperature) + status(strategy, p));
            console.flush();
        }
    }

    @Override
    public void epochEnded(Strategy strategy, int trial, double temperature, CurvePoint point) {
        next.epochEnded(strategy, trial, temperature, point);
    }

    @Override
    public synchronized void trialEnded(TrialRecord record) {
        next.trialEnded(record);
        Progress p = progress.computeIfAbsent(record.strategy(), s -> new Progress());
        TrialResult r = record.result();
        p.ended++;
        p.trainingSeconds += r.seconds();
        double score = r.completed() ? space.score().of(r) : Double.NaN;
        if (Double.isFinite(score) && (Double.isNaN(p.bestScore)
                || (space.score().minimize() ? score < p.bestScore : score > p.bestScore))) {
            p.bestScore = score;
            p.bestTemperature = r.temperature();
        }
        if (live) {
            console.print("\r\033[K");
        }
        if (!trialLines) {
            console.flush();
            return;
        }
        console.println(trialLine(record) + "  [" + p.ended + "/" + planned(record.strategy())
                + status(record.strategy(), p) + "]");
        console.flush();
    }

    /** How many trials the strategy will run: exact, or an upper bound for a search that may end early. */
    private String planned(Strategy strategy) {
        return (strategy.endsEarly() ? "≤" : "") + plannedTrials(strategy);
    }

    /** Planned once per strategy rather than at every trial line. */
    private int plannedTrials(Strategy strategy) {
        return plannedTrials.computeIfAbsent(strategy, s -> SearchPlan.plannedTrials(space, s));
    }

    private String status(Strategy strategy, Progress p) {
        double elapsed = (System.nanoTime() - p.startNanos) / 1e9;
        int total = plannedTrials(strategy);
        String best = Double.isNaN(p.bestScore) ? "" : String.format(Locale.ROOT, ", best %s at T = %s",
                space.score().minimize() ? RunSummary.number(p.bestScore) : RunSummary.accuracy(p.bestScore),
                RunSummary.temperature(p.bestTemperature));
        String eta = p.ended == 0 ? "" : String.format(Locale.ROOT, ", ETA %s%.0f s",
                strategy.endsEarly() ? "≤" : "",
                (total - p.ended) * (p.trainingSeconds / p.ended) / space.parallelism());
        return String.format(Locale.ROOT, "%s, %.1f s elapsed%s", best, elapsed, eta);
    }

    /** The line that reports an ended trial; its numbers are formatted as in the reports. */
    public static String trialLine(TrialRecord record) {
        TrialResult r = record.result();
        return String.format(Locale.ROOT, "%-10s #%-3d T = %-9s %-9s val acc %s  val loss %s  test acc %s  (%.2f s)%s",
                record.strategy().label(), record.trial(), RunSummary.temperature(r.temperature()),
                r.completed() ? "completed" : r.pruned() ? "PRUNED" : "FAILED", RunSummary.accuracy(r.validationAccuracy()),
                RunSummary.number(r.validationLoss()), RunSummary.accuracy(r.testAccuracy()), r.seconds(),
                (r.completed() ? "" : " " + r.failureReason()) + robust(r.robustness())
                        + (record.replayed() ? " (from trials.csv)" : ""));
    }

    private static String robust(Robustness m) {
        StringBuilder b = new StringBuilder();
        if (!Double.isNaN(m.noiseAccuracy())) {
            b.append("  noise ").append(RunSummary.accuracy(m.noiseAccuracy()));
        }
        if (!Double.isNaN(m.fgsmAccuracy())) {
            b.append("  FGSM ").append(RunSummary.accuracy(m.fgsmAccuracy()));
        }
        if (!Double.isNaN(m.pgdAccuracy())) {
            b.append("  PGD ").append(RunSummary.accuracy(m.pgdAccuracy()));
        }
        return b.toString();
    }
}
