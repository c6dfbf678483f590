package org.tstar.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tstar.InvalidInputException;
import org.tstar.report.ReportFolder;
import org.tstar.report.RunLock;
import org.tstar.report.RobustnessReport;
import org.tstar.report.RunState;
import org.tstar.report.TemperatureCurveChart;
import org.tstar.report.TrialLog;
import org.tstar.robustness.RobustnessSettings;
import org.tstar.search.SearchOutcome;
import org.tstar.search.SearchTask;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.trial.Strategy;

/**
 * A space's full temperature grid trained twice on the same data, recipe and seeds — normally and, when the space's
 * {@code robustness.adversarialTraining} asks, with PGD examples in every minibatch — each trial measured clean and
 * under the space's noise, FGSM and PGD; one folder per training mode (trials.csv, the accuracy-vs-T chart with the
 * robust series) and a summary of the trend.
 */
public final class RobustnessBenchmark {
    private RobustnessBenchmark() {
    }

    /** Runs both training modes of {@code prepared} into the new folder {@code out}. */
    public static void run(PreparedSpace prepared, Path out, PrintWriter console) {
        Path space = prepared.file();
        SearchSpaceDefinition adversarial = prepared.space();
        RobustnessSettings r = adversarial.robustness();
        if (!r.evaluates()) {
            throw new InvalidInputException(space + ": robustness: needs noise, fgsm or pgd to measure (none given)");
        }
        // both modes train on the split the space file's task loaded once
        List<SearchTask> modes = new ArrayList<>();
        modes.add(prepared.task().withRobustness(new RobustnessSettings(r.noiseSigma(), r.fgsmEpsilon(), r.pgd(),
                r.samples(), r.seed(), r.objectiveWeight(), null)));
        if (r.adversarialTraining() != null) {
            modes.add(prepared.task());
        }
        ReportFolder folder = ReportFolder.create(out);
        try (RunLock lock = ReportFolder.lockNew(out, "bench robustness")) {
            RunState state = RunState.running("bench robustness", adversarial.name());
            state.write(folder);
            try (RunEnding ending = RunEnding.startsOver(folder, state, console,
                    "resuming a robustness benchmark is not built: its trial logs are kept to read, not replayed")) {
                measure(prepared, modes, folder, console,
                        "bin/tstar bench robustness --space " + space + " --out " + folder.path(), ending);
            }
        }
    }

    private static void measure(PreparedSpace prepared, List<SearchTask> modes, ReportFolder folder, PrintWriter console,
                                String command, RunEnding ending) {
        SearchSpaceDefinition adversarial = prepared.space();
        RobustnessSettings r = adversarial.robustness();
        folder.writeAtomically(OpenedRun.SPACE_COPY, prepared.text());
        List<RobustnessReport.Mode> measured = new ArrayList<>();
        for (SearchTask task : modes) {
            SearchSpaceDefinition mode = task.space();
            String name = mode.robustness().adversarialTraining() == null ? "standard" : "adversarial";
            ReportFolder modeFolder = ReportFolder.create(folder.file(name));
            console.printf("%s training: %d temperatures in [%s, %s]%n", name, mode.temperature().gridPoints(),
                    mode.temperature().min(), mode.temperature().max());
            console.flush();
            SearchOutcome outcome;
            try (TrialLog log = modeFolder.openTrialLog()) {
                outcome = task.run(Strategy.GRID, record -> {
                    log.trialEnded(record);
                    synchronized (console) {
                        console.println(ProgressLine.trialLine(record));
                        console.flush();
                    }
                });
            }
            TemperatureCurveChart.write(modeFolder, outcome, task.estimate().temperature(), mode.name() + " (" + name + ")");
            measured.add(RobustnessReport.Mode.of(name, outcome));
        }
        String settings = String.format(Locale.ROOT, "Space `%s` (%s, head %s, %s lr %s, %d epochs, batch %d, seed %d); "
                        + "measured on %d seeded rows of the test part: Gaussian noise σ = %s, FGSM ε = %s, PGD %s "
                        + "(ε and σ in standardized input units; inputs kept inside the training data's per-feature range)%s.",
                adversarial.name(), adversarial.data().source().spec(), adversarial.head(),
                adversarial.recipe().updater().name().toLowerCase(Locale.ROOT), adversarial.recipe().learningRate(),
                adversarial.recipe().epochs(), adversarial.recipe().batchSize(), adversarial.recipe().seed(), r.samples(),
                num(r.noiseSigma()), num(r.fgsmEpsilon()), pgd(r.pgd()),
                r.adversarialTraining() == null ? "" : String.format(Locale.ROOT, "; adversarial training replaces %.0f %% "
                        + "of every minibatch by PGD %s examples", 100 * r.adversarialTraining().fraction(),
                        pgd(r.adversarialTraining().pgd())));
        String summary = RobustnessReport.markdown(adversarial.name() + ": robustness against softmax temperature",
                settings, measured, command);
        folder.writeAtomically("summary.md", summary);
        ending.finish(RunState.Status.COMPLETED, "");
        console.printf("%n%s%nwrote %s%n", summary.substring(summary.indexOf("## Trend")), folder.path());
        console.flush();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "not measured" : String.format(Locale.ROOT, "%s", v);
    }

    private static String pgd(RobustnessSettings.Pgd p) {
        return p == null ? "not measured" : String.format(Locale.ROOT, "ε = %s, step %s, %d steps%s", p.epsilon(),
                p.stepSize(), p.steps(), p.randomStart() ? ", random start" : "");
    }
}
