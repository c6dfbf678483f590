package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.number;
import static org.tstar.cli.CompareCommandTest.read;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Robustness end to end: a space's {@code robustness} block fills the trials.csv columns in a search, the
 * {@code robust} score chooses by them, {@code tstar bench robustness} writes both training modes and the trend,
 * and bad robustness settings are one line with exit 2 before anything is written.
 */
class RobustnessBenchTest {
    @TempDir
    Path dir;

    private Path space(String robustness, String score) throws Exception {
        String text = Files.readString(Path.of("search-spaces/digits-linear.yaml"))
                .replace("epochs: 20", "epochs: 2").replace("grid: 25", "grid: 4")
                .replace("score: accuracy", "score: " + score) + robustness;
        Path file = dir.resolve("robust.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static final String BLOCK = """
            robustness:
              noise: 0.5
              fgsm: 0.3
              pgd: {epsilon: 0.3, steps: 3}
              samples: 150
              adversarialTraining: {epsilon: 0.3, steps: 2, fraction: 0.5}
            """;

    @Test
    void aGridSearchMeasuresEveryTrialAndTheRobustScoreChooses() throws Exception {
        Path out = dir.resolve("search");
        CompareCommandTest.Run run = tstar("search", "--space", space(BLOCK.replace("  adversarialTraining: {epsilon: 0.3, steps: 2, fraction: 0.5}\n", ""), "robust").toString(),
                "--strategy", "grid", "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        List<CSVRecord> trials = read(out.resolve("trials.csv"));
        assertThat(trials).hasSize(4);
        double best = Double.NEGATIVE_INFINITY;
        for (CSVRecord t : trials) {
            double clean = number(t.get("test_accuracy"));
            double fgsm = number(t.get("fgsm_accuracy"));
            double pgd = number(t.get("pgd_accuracy"));
            assertThat(number(t.get("noise_accuracy"))).isBetween(0.0, 1.0);
            assertThat(pgd).isLessThanOrEqualTo(fgsm);
            double score = number(t.get("robust_score"));
            // (1 − 0.5) · validation accuracy + 0.5 · validation PGD accuracy, so never above the clean one
            assertThat(score).isBetween(0.0, number(t.get("val_accuracy")));
            best = Math.max(best, score);
            assertThat(clean).isPositive();
        }
        double bestScore = best;
        CSVRecord chosen = trials.stream().filter(t -> number(t.get("robust_score")) == bestScore).findFirst().orElseThrow();
        assertThat(run.out()).contains("PGD ").contains("grid chose T = " + org.tstar.report.RunSummary.temperature(number(chosen.get("temperature"))));
    }

    @Test
    void benchRobustnessWritesBothTrainingModesAndTheTrend() throws Exception {
        Path out = dir.resolve("robustness");
        CompareCommandTest.Run run = tstar("bench", "robustness", "--space", space(BLOCK, "accuracy").toString(),
                "--out", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        for (String mode : List.of("standard", "adversarial")) {
            List<CSVRecord> trials = read(out.resolve(mode).resolve("trials.csv"));
            assertThat(trials).hasSize(4).allSatisfy(t -> assertThat(number(t.get("pgd_accuracy"))).isBetween(0.0, 1.0));
            assertThat(out.resolve(mode).resolve("temperature-curve.png")).exists();
        }
        // adversarial training spends PGD passes: more FLOPs for the same epochs
        double standard = number(read(out.resolve("standard/trials.csv")).get(0).get("flops"));
        double adversarial = number(read(out.resolve("adversarial/trials.csv")).get(0).get("flops"));
        assertThat(adversarial).isGreaterThan(standard);
        assertThat(out.resolve("summary.md")).content().contains("| standard |", "| adversarial |", "ρ(log T, PGD)",
                "Made by: `bin/tstar bench robustness --space");
        assertThat(out.resolve("run-state.yaml")).content().contains("completed");
    }

    @Test
    void badRobustnessSettingsAreOneLineAndWriteNothing() throws Exception {
        for (String[] bad : List.of(
                new String[] {"robustness:\n  fgsm: -0.1\n", "robustness.fgsm"},
                new String[] {"robustness:\n  noise: -1\n", "robustness.noise"},
                new String[] {"robustness:\n  pgd: {epsilon: -0.2}\n", "robustness.pgd.epsilon"},
                new String[] {"robustness:\n  pgd: {epsilon: 0.2, steps: 0}\n", "robustness.pgd.steps"},
                new String[] {"robustness:\n  pgd: {epsilon: 0.2, stepSize: 0}\n", "robustness.pgd.stepSize"},
                new String[] {"robustness:\n  adversarialTraining: {epsilon: 0.2, fraction: 0}\n", "fraction"},
                new String[] {"robustness:\n  samples: 10\n", "needs noise, fgsm, pgd"},
                new String[] {"", "robust needs a robustness block"})) {
            Path out = dir.resolve("never");
            CompareCommandTest.Run run = tstar("search", "--space",
                    space(bad[0], bad[1].startsWith("robust needs") ? "robust" : "accuracy").toString(), "--out", out.toString());
            assertThat(run.code()).as(bad[0]).isEqualTo(2);
            assertThat(run.err().strip().lines()).as(bad[0]).hasSize(1).first().asString().contains(bad[1]);
            assertThat(out).doesNotExist();
        }
    }
}
