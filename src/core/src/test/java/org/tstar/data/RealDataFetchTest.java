package org.tstar.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real-data corpus comes only through {@code scripts/fetch-data.sh real} (Debian's r-cran-mlbench, r-cran-kernlab
 * and python3-sklearn, installed by the script), and every set loads with the rows, features and classes its package
 * documents.
 */
public class RealDataFetchTest {
    /** name → {rows, features, classes}, as the packages' own documentation gives them. */
    private static final Map<String, int[]> SHAPES = Map.ofEntries(
            Map.entry("sonar", new int[] {208, 60, 2}), Map.entry("vehicle", new int[] {846, 18, 4}),
            Map.entry("vowel", new int[] {990, 10, 11}), Map.entry("glass", new int[] {214, 9, 6}),
            Map.entry("satellite", new int[] {6435, 36, 6}), Map.entry("ionosphere", new int[] {351, 34, 2}),
            Map.entry("dna", new int[] {3186, 180, 3}), Map.entry("letter", new int[] {20000, 16, 26}),
            Map.entry("pima", new int[] {768, 8, 2}), Map.entry("spam", new int[] {4601, 57, 2}),
            Map.entry("musk", new int[] {476, 166, 2}), Map.entry("iris", new int[] {150, 4, 3}),
            Map.entry("wine", new int[] {178, 13, 3}), Map.entry("breast-cancer", new int[] {569, 30, 2}));

    public static Path fetchReal() throws Exception {
        Process fetch = new ProcessBuilder("bash", "scripts/fetch-data.sh", "real").redirectErrorStream(true).start();
        String output = new String(fetch.getInputStream().readAllBytes());
        assertThat(fetch.waitFor()).as("fetch-data.sh real: %s", output).isZero();
        return Path.of("data", "real");
    }

    @Test
    void everyRealDatasetLoadsWithItsDocumentedShape() throws Exception {
        fetchReal();
        SHAPES.forEach((name, shape) -> {
            FeatureSet set = DataSource.parse("csv:" + Path.of("data", "real", name + ".csv")).loadAll();
            assertThat(new int[] {set.rows(), set.width(), set.classCount()}).as(name).containsExactly(shape);
        });
    }
}
