package org.tstar.search.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tstar.ConfigMap;
import org.tstar.InputFile;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSource;
import org.tstar.data.StratifiedSplit;
import org.tstar.data.TaskData;
import org.tstar.model.HeadSpec;
import org.tstar.model.TemperatureScale;
import org.tstar.model.TrainingRecipe;
import org.tstar.model.UpdaterKind;
import org.tstar.robustness.RobustnessSettings;
import org.tstar.search.trial.Score;

/**
 * Reads a space file ({@code search-spaces/*.yaml}, DESIGN §4) into a {@link SearchSpaceDefinition}: every field is
 * checked on load and a refusal names the file, the key and the value; unknown keys are refused by name. It reads
 * and checks only: what the settings make (generators, pruners, executors) is built by the search.
 */
public final class SpaceFileReader {
    private SpaceFileReader() {
    }


    /** Reads and checks the space file {@code file}. */
    public static SearchSpaceDefinition load(Path file) {
        return parse(InputFile.readString(file, InputFile.CONFIG_LIMIT, file + ": no such space file"), file.toString());
    }

    /** Reads and checks a space file's {@code text}; refusals start with {@code file}. */
    public static SearchSpaceDefinition parse(String text, String file) {
        try {
            return read(text, file);
        } catch (InvalidInputException e) {
            // Domain types (head, updater, split, data spec) do not know which file they came from.
            throw e.getMessage().startsWith(file) ? e : new InvalidInputException(file + ": " + e.getMessage());
        }
    }

    private static SearchSpaceDefinition read(String text, String file) {
        ConfigMap root = ConfigMap.parse(text, file).allowOnly(SearchSpaceDefinition.KEYS.keySet());
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

        AnalyticalSettings analytical = AnalyticalSettings.DEFAULTS;
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
        Score score = Score.parse(scoreText);
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
        return new SearchSpaceDefinition(name, new TaskSettings(task, head, recipe, robustness),
                new SearchSettings(new TemperatureRange(min, max, (int) grid), score, analytical, random, halving, pruning),
                new ExecutionSettings((int) parallelism, root.flag("learningCurves", false), spark));
    }

    /** A {@code spark:} block: {@code master} and an optional {@code conf} mapping of Spark settings. */
    public static SparkSettings spark(ConfigMap s) {
        s.allowOnly(Set.of("master", "conf"));
        String master = s.text("master");
        s.check("master", master, SparkSettings.validMaster(master), SparkSettings.MASTER_FORMS);
        Map<String, String> conf = new TreeMap<>();
        if (s.has("conf")) {
            for (Map.Entry<String, Object> e : s.map("conf").toMap().entrySet()) {
                s.check("conf", e.getKey(), e.getKey().startsWith("spark.") && !(e.getValue() instanceof Map)
                        && !(e.getValue() instanceof List), "keys must be Spark settings (spark.*) with plain values");
                conf.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return new SparkSettings(master, conf);
    }

    private static SuccessiveHalvingSettings successiveHalving(ConfigMap h, int epochs) {
        h.allowOnly(Set.of("eta", "budget", "minEpochs", "span", "ranking"));
        SuccessiveHalvingSettings defaults = SuccessiveHalvingSettings.defaults(epochs);
        double eta = h.number("eta", defaults.eta());
        h.check("eta", eta, eta >= 1.5 && eta <= 10, "must be in [1.5, 10]");
        double budget = h.number("budget", defaults.budget());
        h.check("budget", budget, budget >= 1 && budget <= 1000, "must be in [1, 1000] full trials");
        long minEpochs = h.whole("minEpochs", defaults.minEpochs());
        h.check("minEpochs", minEpochs, minEpochs >= 1 && minEpochs <= epochs, "must be in 1.." + epochs + " (training.epochs)");
        double span = h.number("span", defaults.span());
        h.check("span", span, span > 1 && span <= 1e4, "must be in (1, 10000]");
        String ranking = h.text("ranking", defaults.ranking());
        h.check("ranking", ranking, SuccessiveHalvingSettings.RANKINGS.contains(ranking), "must be score or extrapolated");
        return new SuccessiveHalvingSettings(eta, budget, (int) minEpochs, span, ranking);
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
