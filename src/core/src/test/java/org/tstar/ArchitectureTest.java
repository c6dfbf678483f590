package org.tstar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tstar.estimate.SeparabilityProbe;
import org.tstar.search.EstimateSource;

/**
 * The one-way flow of the package-info files, checked with ArchUnit on tstar-core's compiled classes: every
 * dependency from one tstar package to another is one the layer table allows, no packages form a cycle, estimates
 * cannot train, every package says its role, cli stays a thin layer of commands and no search class grows past the
 * size at which it held several rules.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src", "core", "src", "main", "java", "org", "tstar");
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.tstar");

    /** Each package (its subpackages included only where named) and the packages it may depend on. */
    private static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("data", List.of());
        LAYERS.put("estimate", List.of("data"));
        LAYERS.put("robustness", List.of("data"));
        LAYERS.put("model", List.of("data", "robustness"));
        LAYERS.put("search.trial", List.of("data", "robustness", "model"));
        LAYERS.put("search.space", List.of("model"));
        LAYERS.put("search.sampler", List.of());
        LAYERS.put("search.fidelity", List.of("search.sampler"));
        LAYERS.put("search.config", List.of("data", "estimate", "robustness", "model", "search.trial"));
        LAYERS.put("search.arbiter", List.of("model", "search.trial", "search.space", "search.sampler",
                "search.fidelity"));
        List<String> belowSearch = List.of("data", "estimate", "robustness", "model", "search.trial", "search.space",
                "search.sampler", "search.fidelity", "search.config", "search.arbiter");
        LAYERS.put("search", belowSearch);
        List<String> belowReport = Stream.concat(belowSearch.stream(), Stream.of("search")).toList();
        LAYERS.put("report", belowReport);
        LAYERS.put("metrics", belowReport);
        LAYERS.put("bench", Stream.concat(belowReport.stream(), Stream.of("report", "metrics")).toList());
        LAYERS.put("cli", Stream.concat(belowReport.stream(), Stream.of("report", "metrics", "bench")).toList());
    }

    @Test
    void everyDependencyBetweenPackagesRunsDownTheLayerTable() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS.keySet()) {
            layers = layers.layer(layer).definedBy("org.tstar." + layer);
        }
        for (Map.Entry<String, List<String>> e : LAYERS.entrySet()) {
            layers = e.getValue().isEmpty() ? layers.whereLayer(e.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(e.getKey()).mayOnlyAccessLayers(e.getValue().toArray(String[]::new));
        }
        layers.check(CORE);
    }

    @Test
    void everyPackageHasALayerAndTheRootTypesDependOnNone() {
        Set<String> packages = CORE.stream().map(JavaClass::getPackageName).filter(p -> !p.equals("org.tstar"))
                .map(p -> p.substring("org.tstar.".length())).collect(Collectors.toCollection(TreeSet::new));
        assertThat(LAYERS.keySet()).containsAll(packages);
        noClasses().that().resideInAPackage("org.tstar").should().dependOnClassesThat()
                .resideInAPackage("org.tstar.*..").because("ConfigMap, InputFile and the refusal type sit below every "
                        + "package").check(CORE);
    }

    @Test
    void noPackagesFormACycle() {
        slices().matching("org.tstar.(**)").should().beFreeOfCycles().check(CORE);
    }

    /**
     * Every estimate, and every predictor a transfer prior reads, is computed without training the classifier: the
     * estimate package cannot build a network (no Deeplearning4j type, no model type), and the search-side assembly
     * of the prior's predictors reads the recipe and the data, runs the separability probe, and reaches no trainer.
     */
    @Test
    void estimatesAndPriorPredictorsAreTrainingFree() {
        noClasses().that().resideInAPackage("org.tstar.estimate..").should().dependOnClassesThat()
                .resideInAnyPackage("org.deeplearning4j..", "org.tstar.model..").check(CORE);
        ArchRule noTrainer = noClasses().that().belongToAnyOf(EstimateSource.class).should().dependOnClassesThat()
                .haveSimpleNameEndingWith("Trainer").orShould().dependOnClassesThat()
                .haveSimpleNameContaining("Trial").orShould().dependOnClassesThat()
                .resideInAnyPackage("org.deeplearning4j..");
        noTrainer.check(CORE);
        classes().that().belongToAnyOf(EstimateSource.class).should().dependOnClassesThat()
                .belongToAnyOf(SeparabilityProbe.class).check(CORE);
    }

    @Test
    void everyPackageSaysItsRoleAndCliCommandsStaySmall() throws IOException {
        for (String pkg : LAYERS.keySet()) {
            assertThat(MAIN.resolve(pkg.replace('.', '/')).resolve("package-info.java")).as(pkg).isRegularFile();
        }
        try (Stream<Path> files = Files.list(MAIN.resolve("cli"))) {
            for (Path file : files.toList()) {
                assertThat(Files.readAllLines(file)).as(file.toString()).hasSizeLessThanOrEqualTo(100);
            }
        }
    }

    /** One rule per file: a search class past ~250 lines held several (a pruner, two samplers and a planner, once). */
    @Test
    void noSearchClassHoldsSeveralRules() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve("search"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                assertThat(Files.readAllLines(file)).as(file.toString()).hasSizeLessThanOrEqualTo(260);
            }
        }
    }
}
