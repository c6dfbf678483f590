package org.tstar.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.InvalidInputException;
import org.tstar.search.config.SpaceFileReader;

/**
 * A space that names a prior is seeded at the prior's T̂* and starts as wide as the prior is unsure about the
 * task: e^(s·√(1 + h)), h the task's leverage; a cosine head keeps the cosine set; a broken prior is refused naming
 * the field.
 */
class TransferPriorSeedTest {
    @TempDir
    Path dir;

    private Path space(String coefficients, String head, String range) throws Exception {
        String text = Files.readString(Path.of("search-spaces/digits-linear.yaml"))
                .replace("coefficients: paper", "coefficients: " + coefficients + range)
                .replace("head: linear", "head: " + head);
        Path file = dir.resolve("space-" + head + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    /** ln T̂* = ln 3 + 0.5·(lnM − ln 64): T̂* = 3 at M = 64; inverse Gram chosen so that h(M = 64) = 0.25 + 0·… */
    private Path prior() throws Exception {
        double m = Math.log(64);
        Path file = dir.resolve("prior.yaml");
        Files.writeString(file, "name: test-prior\nkind: transferPrior\nresidualScale: 0.5\nminTemperature: 0.1\n"
                + "maxTemperature: 100\nterms:\n"
                + "  - {predictor: intercept, weight: " + (Math.log(3) - 0.5 * m) + ", inverseGram: [0.25, 0]}\n"
                + "  - {predictor: lnM, weight: 0.5, mean: " + m + ", range: [1, 10], inverseGram: [0, 0]}\n");
        return file;
    }

    @Test
    void theSearchStartsAtThePriorsEstimateAndAsWideAsItsExpectedError() throws Exception {
        SearchTask task = SearchTask.prepare(SpaceFileReader.load(space(prior().toString(), "linear", "")));
        assertThat(task.estimate().prior()).isNotNull();
        assertThat(task.estimate().temperature()).isCloseTo(3.0, offset(1e-9));
        // h = 0.25 for this task: error 0.5·√1.25 in ln T sets the range
        assertThat(task.estimate().prior().expectedLogError()).isCloseTo(0.5 * Math.sqrt(1.25), offset(1e-12));
        assertThat(task.rangeFactor()).isCloseTo(Math.exp(0.5 * Math.sqrt(1.25)), offset(1e-12));
        // the paper formula's terms stay beside it for reports
        assertThat(task.estimate().coefficients().name()).isEqualTo("paper");
        // a range the space sets wins
        SearchTask fixed = SearchTask.prepare(SpaceFileReader.load(space(prior().toString(), "linear", "\n  range: 3")));
        assertThat(fixed.rangeFactor()).isEqualTo(3.0);
    }

    @Test
    void aCosineHeadKeepsTheCosineSetAndTheBundledPriorLoads() throws Exception {
        SearchTask cosine = SearchTask.prepare(SpaceFileReader.load(space("prior", "cosine", "")));
        assertThat(cosine.estimate().prior()).isNull();
        assertThat(cosine.estimate().coefficients().name()).isEqualTo("cosine");
        SearchTask linear = SearchTask.prepare(SpaceFileReader.load(space("prior", "linear", "")));
        assertThat(linear.estimate().prior().prior().name()).isEqualTo("prior");
        assertThat(linear.rangeFactor()).isCloseTo(linear.estimate().prior().errorFactor(), offset(1e-12));
    }

    @Test
    void aBrokenPriorIsRefusedNamingTheField() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(prior()).replace("predictor: lnM", "predictor: width"));
        assertThatThrownBy(() -> SearchTask.prepare(SpaceFileReader.load(space(bad.toString(), "linear", ""))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("analytical.coefficients: ").hasMessageContaining("unknown predictor 'width'");
    }
}
