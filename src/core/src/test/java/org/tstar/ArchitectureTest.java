package org.tstar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The one-way flow of the package-info files, checked on the sources: every reference from one tstar package to
 * another is one its package-info allows, and cli stays a thin layer of commands.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src", "core", "src", "main", "java", "org", "tstar");
    private static final Pattern REFERENCE = Pattern.compile("org\\.tstar\\.([a-z]+)\\.[A-Z]");

    /** What each package may reference besides itself and the root types. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "data", Set.of(),
            "estimate", Set.of("data"),
            "robustness", Set.of("data"),
            "model", Set.of("data", "robustness"),
            "search", Set.of("data", "estimate", "model", "robustness"),
            "report", Set.of("data", "estimate", "model", "robustness", "search"),
            "metrics", Set.of("data", "estimate", "model", "robustness", "search"),
            "bench", Set.of("data", "estimate", "model", "robustness", "search", "report", "metrics"),
            "cli", Set.of("data", "estimate", "model", "robustness", "search", "report", "metrics", "bench"));

    @Test
    void everyReferenceBetweenPackagesFollowsTheFlow() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // root types: ConfigMap, InputFile, InvalidInputException
                }
                String from = relative.getName(0).toString();
                assertThat(ALLOWED).as("package %s has a rule", from).containsKey(from);
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String to = m.group(1);
                    if (!to.equals(from) && !ALLOWED.get(from).contains(to)) {
                        violations.add(relative + " → " + to);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    /**
     * Every estimate, and every predictor a transfer prior reads, is computed without training the classifier: the
     * estimate package cannot build a network (no Deeplearning4j type, no model type), and the one search-side
     * assembly of the prior's predictors reads the recipe and the data but calls nothing that trains.
     */
    @Test
    void estimatesAndPriorPredictorsAreTrainingFree() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("estimate"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain("org.deeplearning4j")
                        .doesNotContain("org.tstar.model");
            }
        }
        String search = Files.readString(MAIN.resolve("search").resolve("SearchTask.java"));
        int start = search.indexOf("public static TaskPredictors predictors(");
        String body = search.substring(start, search.indexOf("\n    }\n", start));
        assertThat(body).contains("SeparabilityProbe.measure(split.train()")
                .doesNotContain("Trainer").doesNotContain("trial").doesNotContain(".fit(").doesNotContain("run(");
    }

    @Test
    void everyPackageSaysItsRoleAndCliCommandsStaySmall() throws IOException {
        for (String pkg : ALLOWED.keySet()) {
            assertThat(MAIN.resolve(pkg).resolve("package-info.java")).as(pkg).isRegularFile();
        }
        try (Stream<Path> files = Files.list(MAIN.resolve("cli"))) {
            for (Path file : files.toList()) {
                assertThat(Files.readAllLines(file)).as(file.toString()).hasSizeLessThanOrEqualTo(100);
            }
        }
    }
}
