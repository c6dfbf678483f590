package org.tstar.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.model.TrialResult;
import org.tstar.model.TrialStatus;
import org.tstar.robustness.Robustness;
import org.tstar.search.trial.Strategy;
import org.tstar.search.trial.TrialRecord;

/**
 * trials.csv keeps the robustness columns through a write and a read, and a log written before they existed
 * (such as the committed reference reports) still reads and is resumed in its own 12 columns.
 */
class TrialLogTest {
    @TempDir
    Path dir;

    private static TrialRecord trial(int n, Robustness r) {
        return new TrialRecord(Strategy.GRID, n, new TrialResult(0.5 * n, TrialStatus.COMPLETED, "", 3, 300, 1.25, 1e6,
                0.9, 0.3, 0.88, r), 0, 1);
    }

    @Test
    void robustnessColumnsReadBackExactly() throws Exception {
        Path file = dir.resolve("trials.csv");
        Robustness measured = new Robustness(0.8123456789, 0.51, 0.3333333333333333, 0.61);
        try (TrialLog log = TrialLog.create(file)) {
            log.trialEnded(trial(1, measured));
            log.trialEnded(trial(2, Robustness.NONE));
        }
        List<TrialRecord> back = TrialLog.read(file).records();
        assertThat(back.get(0).result().robustness()).isEqualTo(measured);
        assertThat(back.get(1).result().robustness()).isEqualTo(Robustness.NONE);
        assertThat(Files.readAllLines(file).get(0)).endsWith(",reason,noise_accuracy,fgsm_accuracy,pgd_accuracy,robust_score,eval_flops");
    }

    @Test
    void aLogFromBeforeRobustnessReadsAndResumesInItsOwnColumns() throws Exception {
        Path file = dir.resolve("trials.csv");
        // two rows of a log written before the robustness columns existed (the digits reference run of 2026-11-24)
        Files.writeString(file, "strategy,trial,temperature,status,epochs,sample_passes,seconds,flops,val_accuracy,"
                + "val_loss,test_accuracy,reason\r\n"
                + "analytical,1,1.0851999999999993,completed,20,21580,3.6085312,100735440,0.9665738161559888,"
                + "0.1132789225376514,0.9721448467966574,\r\n"
                + "analytical,2,2.1704,completed,20,21580,1.477781686,100735440,0.9637883008356546,"
                + "0.11255922161798565,0.9693593314763231,\r\n");
        TrialLog.Recovered recovered = TrialLog.read(file);
        assertThat(recovered.columns()).isEqualTo(12);
        assertThat(recovered.records()).isNotEmpty().allSatisfy(r -> assertThat(r.result().robustness()).isEqualTo(Robustness.NONE));
        try (TrialLog log = TrialLog.append(file, recovered)) {
            log.trialEnded(trial(99, new Robustness(0.5, 0.4, 0.3, 0.2)));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(lines.size() - 1).split(",", -1)).hasSize(12);
        assertThat(TrialLog.read(file).records()).hasSize(recovered.records().size() + 1);
    }
}
