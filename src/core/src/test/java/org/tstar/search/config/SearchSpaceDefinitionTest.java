package org.tstar.search.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tstar.InvalidInputException;
import org.tstar.model.HeadType;
import org.tstar.search.trial.Score;

class SearchSpaceDefinitionTest {

    static String valid() throws Exception {
        return Files.readString(Path.of("search-spaces/digits-linear.yaml"));
    }

    @Test
    void theDefaultSpaceLoads() {
        SearchSpaceDefinition s = SpaceFileReader.load(Path.of("search-spaces/digits-linear.yaml"));
        assertThat(s.name()).isEqualTo("digits-linear");
        assertThat(s.data().source().spec()).isEqualTo("digits");
        assertThat(s.head().type()).isEqualTo(HeadType.LINEAR);
        assertThat(s.head().batchNormBeforeOutput()).isTrue();
        assertThat(s.recipe().epochs()).isEqualTo(20);
        assertThat(s.temperature().gridPoints()).isEqualTo(25);
        assertThat(s.temperature().min()).isEqualTo(0.05);
        assertThat(s.analytical().maxTrials()).isEqualTo(8);
        assertThat(s.analytical().range()).isNaN();
        assertThat(s.score()).isEqualTo(Score.ACCURACY);
    }

    /** A resumed run names what changed in the file's own words: the keys, whichever settings group holds them. */
    @Test
    void twoSpacesNameTheTopLevelKeysTheyDifferIn() throws Exception {
        SearchSpaceDefinition s = SpaceFileReader.parse(valid(), "a.yaml");
        assertThat(s.keysDifferingFrom(s)).isEmpty();
        SearchSpaceDefinition other = SpaceFileReader.parse(valid().replace("epochs: 20", "epochs: 21")
                .replace("parallelism: 1", "parallelism: 2") + "\nlearningCurves: true\n", "b.yaml");
        assertThat(s.keysDifferingFrom(other)).containsExactly("training", "parallelism", "learningCurves");
        assertThatThrownBy(() -> SpaceFileReader.parse(valid() + "\nlearningCurve: true\n", "c.yaml"))
                .hasMessageContaining("c.yaml: learningCurve: unknown key (allowed here: analytical, data, learningCurves, "
                        + "model, name, parallelism, pruning, random, robustness, score, spark, successiveHalving, temperature, "
                        + "training)");
    }

    @Test
    void theSuccessiveHalvingBlockHasRecipeAwareDefaultsAndRefusesBadValuesByName() throws Exception {
        SearchSpaceDefinition s = SpaceFileReader.parse(valid(), "space.yaml");
        // 20 epochs: the first rung at a quarter of the recipe, halving, 2.5 full trials, ×/÷ 30
        assertThat(s.successiveHalving()).isEqualTo(new SuccessiveHalvingSettings(2, 2.5, 5, 30));
        SearchSpaceDefinition own = SpaceFileReader.parse(valid()
                + "successiveHalving: {eta: 3, budget: 4, minEpochs: 2, span: 10, ranking: extrapolated}\n", "space.yaml");
        assertThat(own.successiveHalving()).isEqualTo(new SuccessiveHalvingSettings(3, 4, 2, 10, "extrapolated"));
        for (String[] bad : new String[][]{{"{eta: 1}", "successiveHalving.eta: must be in [1.5, 10]"},
                {"{budget: 0.5}", "successiveHalving.budget: must be in [1, 1000] full trials"},
                {"{minEpochs: 21}", "successiveHalving.minEpochs: must be in 1..20 (training.epochs)"},
                {"{span: 1}", "successiveHalving.span: must be in (1, 10000]"},
                {"{ranking: median}", "successiveHalving.ranking: must be score or extrapolated, got median"},
                {"{rungs: 3}", "successiveHalving.rungs: unknown key"}}) {
            assertThatThrownBy(() -> SpaceFileReader.parse(valid() + "successiveHalving: " + bad[0] + "\n", "space.yaml"))
                    .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("space.yaml")
                    .hasMessageContaining(bad[1]).satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
        }
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("not YAML", "name: [unclosed", "not valid YAML"),
                Arguments.of("not a mapping", "- a\n- b\n", "expected a YAML mapping"),
                Arguments.of("unknown top key", "colour: blue\n", "colour: unknown key"),
                Arguments.of("unknown nested key", "  learningRat: 0.1\n", "training.learningRat: unknown key"),
                Arguments.of("min ≥ max", "temperature: {min: 5, max: 5, grid: 25}\n",
                        "temperature.max: must be greater than temperature.min (5.0), got 5.0"),
                Arguments.of("grid < 2", "temperature: {min: 0.1, max: 5, grid: 1}\n", "temperature.grid: must be in 2..1000, got 1"),
                Arguments.of("maxTrials < 1", "analytical: {maxTrials: 0}\n", "analytical.maxTrials: must be in 1..1000, got 0"),
                Arguments.of("tolerance ≤ 1", "analytical: {tolerance: 1.0}\n", "analytical.tolerance: must be in (1, 10]"),
                Arguments.of("text epochs", "training: {updater: adam, learningRate: 0.01, epochs: many, batchSize: 64}\n",
                        "training.epochs: 'many' is not a whole number"),
                Arguments.of("bad score", "score: speed\n", "score: 'speed' is not accuracy, loss or robust"),
                Arguments.of("class name smuggled", "model: {head: org.example.Evil}\n", "is not one of linear, mlp, cosine"),
                Arguments.of("missing data file", "data: {source: 'csv:/absent/x.csv'}\n", null));
    }

    /** Replaces (or, for a nested line, inserts) a part of the valid file and expects a one-line refusal. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void brokenFilesAreRefusedByName(String name, String patch, String expected) throws Exception {
        String text = patch.startsWith("  ") ? valid().replace("  seed: 42\ntemperature", "  seed: 42\n" + patch + "temperature")
                : patch.contains(":") && !patch.startsWith("name: [") && !patch.startsWith("colour")
                && !patch.startsWith("- ") ? replaceTopLevel(valid(), patch) : patch.startsWith("colour") ? valid() + patch : patch;
        if (expected == null) {
            SearchSpaceDefinition s = SpaceFileReader.parse(text, "space.yaml");
            assertThatThrownBy(() -> s.data().prepare()).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("/absent/x.csv: no such file");
            return;
        }
        assertThatThrownBy(() -> SpaceFileReader.parse(text, "space.yaml"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("space.yaml")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
    }

    private static String replaceTopLevel(String yaml, String replacement) {
        String key = replacement.substring(0, replacement.indexOf(':'));
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : yaml.split("\n", -1)) {
            if (line.startsWith(key + ":")) {
                out.append(replacement);
                skipping = true;
                continue;
            }
            if (skipping && (line.startsWith(" ") || line.isEmpty())) {
                continue;
            }
            skipping = false;
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
