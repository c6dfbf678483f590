package org.tstar.search;

import org.tstar.InputFile;
import java.nio.file.Path;
import java.util.Set;
import org.tstar.ConfigMap;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSource;
import org.tstar.data.StratifiedSplit;
import org.tstar.data.TaskData;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.model.HeadSpec;
import org.tstar.model.TemperatureScale;
import org.tstar.model.TrainingRecipe;
import org.tstar.model.UpdaterKind;
import org.tstar.robustness.RobustnessSettings;

/**
 * A temperature search space as a user writes it in {@code search-spaces/*.yaml} (tstar's own schema, DESIGN §4,
 * no class names): the task's data, head and recipe, the temperature range and grid, the analytical search's
 * settings, the score and the parallelism. Every field is validated on load; unknown keys are refused by name.
 */
public record SearchSpaceDefinition(String name, TaskData data, HeadSpec head, TrainingRecipe recipe,
                                    TemperatureRange temperature, AnalyticalSettings analytical,
                                    RandomSettings random, Score score, int parallelism, RobustnessSettings robustness,
                                    PruningSettings pruning, boolean learningCurves,
                                    SuccessiveHalvingSettings successiveHalving, SparkSettings spark) {

    /** This space with another random-search budget and seed. */
    public SearchSpaceDefinition withRandom(RandomSettings other) {
        return new SearchSpaceDefinition(name, data, head, recipe, temperature, analytical, other, score, parallelism,
                robustness, pruning, learningCurves, successiveHalving, spark);
    }

    /** This space with other robustness measures (and adversarial training, or none). */
    public SearchSpaceDefinition withRobustness(RobustnessSettings other) {
        return new SearchSpaceDefinition(name, data, head, recipe, temperature, analytical, random, score, parallelism,
                other, pruning, learningCurves, successiveHalving, spark);
    }

    /** This space with another pruning rule. */
    public SearchSpaceDefinition withPruning(PruningSettings other) {
        return new SearchSpaceDefinition(name, data, head, recipe, temperature, analytical, random, score, parallelism,
                robustness, other, learningCurves, successiveHalving, spark);
    }

    /** This space recording learning curves (or not, unless its pruning needs them). */
    public SearchSpaceDefinition withLearningCurves(boolean on) {
        return new SearchSpaceDefinition(name, data, head, recipe, temperature, analytical, random, score, parallelism,
                robustness, pruning, on, successiveHalving, spark);
    }

    /** This space with other successive-halving settings. */
    public SearchSpaceDefinition withSuccessiveHalving(SuccessiveHalvingSettings other) {
        return new SearchSpaceDefinition(name, data, head, recipe, temperature, analytical, random, score, parallelism,
                robustness, pruning, learningCurves, other, spark);
    }

    /**
     * The space's {@code spark:} block: the master URL its trials run on ({@code local[2]}, {@code spark://host:7077},
     * ...) and extra Spark settings; {@link #LOCAL} (no master) trains in this JVM. {@code --spark-master} overrides.
     */
    public record SparkSettings(String master, java.util.Map<String, String> conf) {
        public static final SparkSettings LOCAL = new SparkSettings(null, java.util.Map.of());
        public static final String MASTER_FORMS = "must be local, local[N], local[N,F], local[*], spark://HOST:PORT[,HOST:PORT], "
                + "yarn or k8s://URL";

        /** The master URL forms Spark accepts, checked here so a typo is refused before any data loads. */
        public static boolean validMaster(String master) {
            return master != null && (master.matches("local(\\[(\\d+|\\*)(,\\d+)?\\])?")
                    || master.matches("spark://[^\\s/]+:\\d+(,[^\\s/]+:\\d+)*") || master.equals("yarn")
                    || master.matches("k8s://\\S+"));
        }

        public SparkSettings {
            conf = java.util.Map.copyOf(conf);
        }

        /** These settings with {@code master} (when given) and {@code extra} settings over the file's own. */
        public SparkSettings overriddenBy(String otherMaster, java.util.Map<String, String> extra) {
            java.util.Map<String, String> merged = new java.util.TreeMap<>(conf);
            merged.putAll(extra);
            return new SparkSettings(otherMaster != null ? otherMaster : master, merged);
        }
    }

    /**
     * Whether trials evaluate the validation part after every epoch: asked for with {@code learningCurves: true},
     * and always when a pruning rule needs the curve. Off by default, since the evaluations cost about a tenth of a
     * small head's training.
     */
    public boolean recordsCurves() {
        return learningCurves || pruning.prunes();
    }

    /**
     * The space's {@code pruning:} block: {@code none} (every trial trains its full recipe), or {@code median} /
     * {@code percentile} with a warm-up in epochs and a number of completed trials before any pruning.
     */
    public record PruningSettings(String rule, double percentile, int warmupEpochs, int startupTrials) {
        public static final PruningSettings NONE = new PruningSettings("none", 50, 1, 2);

        public boolean prunes() {
            return !rule.equals("none");
        }

        /** A fresh pruner with this rule, for one strategy's search. */
        public Pruner start() {
            return prunes() ? new PercentilePruner(percentile, warmupEpochs, startupTrials) : Pruner.NONE;
        }
    }

    /**
     * The space's {@code successiveHalving:} block, for the strategies analytical-sh, sh and hyperband: η (each
     * rung keeps the best 1/η and trains η times longer), the budget in full-trial equivalents (recipe epochs),
     * which the plan never exceeds, the first rung's least epochs, and the seeded bracket's span (T̂* ÷ span to
     * T̂* × span). Defaults: η 2, budget 2.5 (5 % of a 51-point grid), a quarter of the recipe, span 30: rankings
     * after one epoch favour low temperatures, which learn faster and end worse (docs/searching.md, "When low-fidelity
     * rankings mislead"), so the first rung waits for a quarter of the epochs and each rung keeps half.
     */
    public record SuccessiveHalvingSettings(double eta, double budget, int minEpochs, double span) {
        /** The defaults for a recipe of {@code epochs}. */
        public static SuccessiveHalvingSettings defaults(int epochs) {
            return new SuccessiveHalvingSettings(2, 2.5, Math.max(1, epochs / 4), 30);
        }
    }

    /** The temperature interval searched, and how many log-spaced points the full grid evaluates. */
    public record TemperatureRange(double min, double max, int gridPoints) {
    }

    /**
     * The analytical search's settings: coefficient set, range factor r (NaN: from the coefficients' CV error,
     * else 2), trial budget and the bracket ratio at which refinement stops.
     */
    public record AnalyticalSettings(String coefficients, double range, int maxTrials, double tolerance) {

        /**
         * The range factor r the search uses: the file's, else e^(cross-validated log error) of the coefficients
         * (one standard error of the estimate in log T), else 2; never below the tolerance, which no step could
         * then respect.
         */
        public double rangeFactor(TemperatureCoefficients k) {
            return rangeFactor(k.provenance().hasCrossValidatedError() ? k.provenance().crossValidatedLogError() : Math.log(2));
        }

        /**
         * The range factor for an estimate expected within {@code logError} of T* in ln T (a transfer prior's error
         * for this very task, larger the less the task resembles those it was fitted on): the file's range, else
         * e^logError, kept within [tolerance, 100].
         */
        public double rangeFactor(double logError) {
            if (!Double.isNaN(range)) {
                return range;
            }
            return Math.min(100, Math.max(tolerance, Math.exp(logError)));
        }
    }

    /** The random strategy's trial budget and generator seed (defaults: analytical.maxTrials, training.seed). */
    public record RandomSettings(int trials, long seed) {
    }

    /** What a trial is judged by on the validation part. */
    public enum Score {
        ACCURACY, LOSS, ROBUST;

        public boolean minimize() {
            return this == LOSS;
        }

        /** The trial's validation score (NaN for a failed trial). */
        public double of(org.tstar.model.TrialResult r) {
            return switch (this) {
                case LOSS -> r.validationLoss();
                case ACCURACY -> r.validationAccuracy();
                case ROBUST -> r.robustness().robustScore();
            };
        }

        public String label() {
            return switch (this) {
                case LOSS -> "validation loss";
                case ACCURACY -> "validation accuracy";
                case ROBUST -> "validation robust score";
            };
        }
    }

    private static final Set<String> TOP = Set.of("name", "data", "model", "training", "temperature", "analytical",
            "random", "score", "parallelism", "robustness", "pruning", "learningCurves", "successiveHalving",
            "spark");

    public static SearchSpaceDefinition load(Path file) {
        return parse(InputFile.readString(file, InputFile.CONFIG_LIMIT, file + ": no such space file"), file.toString());
    }

    public static SearchSpaceDefinition parse(String text, String file) {
        try {
            return read(text, file);
        } catch (InvalidInputException e) {
            // Domain types (head, updater, split, data spec) do not know which file they came from.
            throw e.getMessage().startsWith(file) ? e : new InvalidInputException(file + ": " + e.getMessage());
        }
    }

    private static SearchSpaceDefinition read(String text, String file) {
        ConfigMap root = ConfigMap.parse(text, file).allowOnly(TOP);
        String name = root.text("name");
        root.check("name", name, name.matches("[A-Za-z0-9._-]{1,80}"), "must be 1-80 letters, digits, '.', '_' or '-'");

        ConfigMap data = root.map("data").allowOnly(Set.of("source", "split", "featureMap"));
        DataSource source = DataSource.parse(data.text("source"));
        StratifiedSplit split = StratifiedSplit.standard();
        if (data.has("split")) {
            ConfigMap s = data.map("split").allowOnly(Set.of("train", "validation", "test", "seed"));
            split = new StratifiedSplit(s.number("train"), s.number("validation"), s.number("test"), s.whole("seed", 42));
        }
        TaskData task = new TaskData(source, split, null);
        if (data.has("featureMap")) {
            ConfigMap f = data.map("featureMap").allowOnly(Set.of("type", "dim", "seed"));
            long dim = f.whole("dim");
            f.check("dim", dim, dim >= 1 && dim <= 65_536, "must be in 1..65536");
            task = new TaskData(source, split, TaskData.featureMap(f.text("type"), (int) dim, f.whole("seed", 0),
                    file + ": data.featureMap.type"));
        }

        ConfigMap model = root.map("model").allowOnly(Set.of("head", "hidden", "batchNormBeforeOutput", "rescaledLoss"));
        HeadSpec head = new HeadSpec(HeadSpec.parseType(model.text("head")), model.wholeList("hidden"),
                model.flag("batchNormBeforeOutput", true), model.flag("rescaledLoss", false));

        ConfigMap training = root.map("training").allowOnly(Set.of("updater", "learningRate", "epochs", "batchSize", "seed"));
        long epochs = training.whole("epochs");
        training.check("epochs", epochs, epochs >= 1 && epochs <= 10_000, "must be in 1..10000");
        long batch = training.whole("batchSize");
        training.check("batchSize", batch, batch >= 1 && batch <= 1_000_000, "must be in 1..1000000");
        double learningRate = training.number("learningRate");
        training.check("learningRate", learningRate, learningRate > 0, "must be > 0");
        TrainingRecipe recipe = new TrainingRecipe(UpdaterKind.parse(training.text("updater")), learningRate,
                (int) epochs, (int) batch, training.whole("seed", 42));

        ConfigMap t = root.map("temperature").allowOnly(Set.of("min", "max", "grid"));
        double min = t.number("min");
        t.check("min", min, min >= TemperatureScale.MIN_TEMPERATURE && min <= TemperatureScale.MAX_TEMPERATURE,
                "must be in [" + TemperatureScale.MIN_TEMPERATURE + ", " + TemperatureScale.MAX_TEMPERATURE + "]");
        double max = t.number("max");
        t.check("max", max, max > min, "must be greater than temperature.min (" + min + ")");
        t.check("max", max, max <= TemperatureScale.MAX_TEMPERATURE, "must be ≤ " + TemperatureScale.MAX_TEMPERATURE);
        long grid = t.whole("grid");
        t.check("grid", grid, grid >= 2 && grid <= 1000, "must be in 2..1000");

        AnalyticalSettings analytical = new AnalyticalSettings("paper", Double.NaN, 8, 1.25);
        if (root.has("analytical")) {
            ConfigMap a = root.map("analytical").allowOnly(Set.of("coefficients", "range", "maxTrials", "tolerance"));
            double range = a.number("range", Double.NaN);
            if (a.has("range")) {
                a.check("range", range, range > 1 && range <= 100, "must be in (1, 100]");
            }
            long maxTrials = a.whole("maxTrials", 8);
            a.check("maxTrials", maxTrials, maxTrials >= 1 && maxTrials <= 1000, "must be in 1..1000");
            double tolerance = a.number("tolerance", 1.25);
            a.check("tolerance", tolerance, tolerance > 1 && tolerance <= 10, "must be in (1, 10]");
            if (a.has("range")) {
                a.check("range", range, range >= tolerance, "must be ≥ analytical.tolerance (" + tolerance + ")");
            }
            analytical = new AnalyticalSettings(a.text("coefficients", "paper"), range, (int) maxTrials, tolerance);
        }

        RandomSettings random = new RandomSettings(analytical.maxTrials(), recipe.seed());
        if (root.has("random")) {
            ConfigMap r = root.map("random").allowOnly(Set.of("trials", "seed"));
            long trials = r.whole("trials", analytical.maxTrials());
            r.check("trials", trials, trials >= 1 && trials <= 1000, "must be in 1..1000");
            random = new RandomSettings((int) trials, r.whole("seed", recipe.seed()));
        }

        String scoreText = root.text("score", "accuracy");
        Score score = switch (scoreText) {
            case "accuracy" -> Score.ACCURACY;
            case "loss" -> Score.LOSS;
            case "robust" -> Score.ROBUST;
            default -> throw new InvalidInputException(file + ": score: '" + scoreText + "' is not accuracy, loss or robust");
        };
        long parallelism = root.whole("parallelism", 1);
        root.check("parallelism", parallelism, parallelism >= 1 && parallelism <= 64, "must be in 1..64");
        RobustnessSettings robustness = root.has("robustness") ? robustness(root.map("robustness"), recipe.seed())
                : RobustnessSettings.NONE;
        root.check("score", scoreText, score != Score.ROBUST || robustness.evaluates(),
                "robust needs a robustness block with noise, fgsm or pgd");
        PruningSettings pruning = root.has("pruning") ? pruning(root.map("pruning"), recipe.epochs()) : PruningSettings.NONE;
        SuccessiveHalvingSettings halving = root.has("successiveHalving")
                ? successiveHalving(root.map("successiveHalving"), recipe.epochs())
                : SuccessiveHalvingSettings.defaults(recipe.epochs());
        SparkSettings spark = root.has("spark") ? spark(root.map("spark")) : SparkSettings.LOCAL;
        return new SearchSpaceDefinition(name, task, head, recipe, new TemperatureRange(min, max, (int) grid),
                analytical, random, score, (int) parallelism, robustness, pruning, root.flag("learningCurves", false),
                halving, spark);
    }

    /** A {@code spark:} block: {@code master} and an optional {@code conf} mapping of Spark settings. */
    public static SparkSettings spark(ConfigMap s) {
        s.allowOnly(Set.of("master", "conf"));
        String master = s.text("master");
        s.check("master", master, SparkSettings.validMaster(master), SparkSettings.MASTER_FORMS);
        java.util.Map<String, String> conf = new java.util.TreeMap<>();
        if (s.has("conf")) {
            for (java.util.Map.Entry<String, Object> e : s.map("conf").toMap().entrySet()) {
                s.check("conf", e.getKey(), e.getKey().startsWith("spark.") && !(e.getValue() instanceof java.util.Map)
                        && !(e.getValue() instanceof java.util.List), "keys must be Spark settings (spark.*) with plain values");
                conf.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return new SparkSettings(master, conf);
    }

    private static SuccessiveHalvingSettings successiveHalving(ConfigMap h, int epochs) {
        h.allowOnly(Set.of("eta", "budget", "minEpochs", "span"));
        SuccessiveHalvingSettings defaults = SuccessiveHalvingSettings.defaults(epochs);
        double eta = h.number("eta", defaults.eta());
        h.check("eta", eta, eta >= 1.5 && eta <= 10, "must be in [1.5, 10]");
        double budget = h.number("budget", defaults.budget());
        h.check("budget", budget, budget >= 1 && budget <= 1000, "must be in [1, 1000] full trials");
        long minEpochs = h.whole("minEpochs", defaults.minEpochs());
        h.check("minEpochs", minEpochs, minEpochs >= 1 && minEpochs <= epochs, "must be in 1.." + epochs + " (training.epochs)");
        double span = h.number("span", defaults.span());
        h.check("span", span, span > 1 && span <= 1e4, "must be in (1, 10000]");
        return new SuccessiveHalvingSettings(eta, budget, (int) minEpochs, span);
    }

    private static PruningSettings pruning(ConfigMap p, int epochs) {
        p.allowOnly(Set.of("rule", "percentile", "warmupEpochs", "startupTrials"));
        String rule = p.text("rule", "median");
        p.check("rule", rule, Set.of("none", "median", "percentile").contains(rule), "must be none, median or percentile");
        double percentile = rule.equals("percentile") ? p.number("percentile") : p.number("percentile", 50);
        p.check("percentile", percentile, percentile >= 0 && percentile <= 100
                && (percentile == 50 || !rule.equals("median")), "must be in [0, 100] (50 for the median rule)");
        long warmup = p.whole("warmupEpochs", 1);
        p.check("warmupEpochs", warmup, warmup >= 0 && warmup < epochs, "must be in 0.." + (epochs - 1)
                + " (training.epochs − 1)");
        long startup = p.whole("startupTrials", 2);
        p.check("startupTrials", startup, startup >= 1 && startup <= 1000, "must be in 1..1000");
        return new PruningSettings(rule, percentile, (int) warmup, (int) startup);
    }

    private static RobustnessSettings robustness(ConfigMap r, long trainingSeed) {
        r.allowOnly(Set.of("noise", "fgsm", "pgd", "samples", "seed", "weight", "adversarialTraining"));
        double noise = r.number("noise", Double.NaN);
        r.check("noise", noise, Double.isNaN(noise) || noise >= 0 && noise <= 100, "must be a σ in [0, 100]");
        double fgsm = r.number("fgsm", Double.NaN);
        r.check("fgsm", fgsm, Double.isNaN(fgsm) || fgsm >= 0 && fgsm <= 100, "must be an ε in [0, 100]");
        RobustnessSettings.Pgd pgd = r.has("pgd") ? pgd(r.map("pgd").allowOnly(PGD_KEYS)) : null;
        long samples = r.whole("samples", 1000);
        r.check("samples", samples, samples >= 1 && samples <= 1_000_000, "must be in 1..1000000");
        double weight = r.number("weight", 0.5);
        r.check("weight", weight, weight >= 0 && weight <= 1, "must be in [0, 1]");
        RobustnessSettings.AdversarialTraining adversarial = null;
        if (r.has("adversarialTraining")) {
            ConfigMap a = r.map("adversarialTraining");
            double fraction = a.number("fraction", 0.5);
            a.check("fraction", fraction, fraction > 0 && fraction <= 1, "must be in (0, 1]");
            adversarial = new RobustnessSettings.AdversarialTraining(pgd(a.allowOnly(PGD_KEYS_TRAINING)), fraction);
        }
        RobustnessSettings settings = new RobustnessSettings(noise, fgsm, pgd, (int) samples, r.whole("seed", trainingSeed),
                weight, adversarial);
        if (!settings.evaluates() && adversarial == null) {
            throw r.refusal("needs noise, fgsm, pgd or adversarialTraining (none given)");
        }
        return settings;
    }

    private static final Set<String> PGD_KEYS = Set.of("epsilon", "stepSize", "steps", "randomStart");
    private static final Set<String> PGD_KEYS_TRAINING = Set.of("epsilon", "stepSize", "steps", "randomStart", "fraction");

    private static RobustnessSettings.Pgd pgd(ConfigMap p) {
        double epsilon = p.number("epsilon");
        p.check("epsilon", epsilon, epsilon >= 0 && epsilon <= 100, "must be in [0, 100]");
        double step = p.number("stepSize", epsilon / 4);
        p.check("stepSize", step, step > 0 && step <= 100, "must be in (0, 100] (default ε/4, so ε = 0 needs one)");
        long steps = p.whole("steps", 10);
        p.check("steps", steps, steps >= 1 && steps <= 1000, "must be in 1..1000");
        return new RobustnessSettings.Pgd(epsilon, step, (int) steps, p.flag("randomStart", true));
    }
}
