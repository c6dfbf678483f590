package org.tstar.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSource;
import org.tstar.data.DataSplit;
import org.tstar.data.FeatureSet;
import org.tstar.data.Standardization;
import org.tstar.model.HeadSpec;
import org.tstar.model.Nd4jNativeBuild;
import org.tstar.model.PreparedSplit;
import org.tstar.model.TemperatureTrainer;
import org.tstar.model.TrainingRecipe;
import org.tstar.model.TrialResult;
import org.tstar.model.UpdaterKind;
import org.tstar.report.CsvText;
import org.tstar.report.ReportFolder;
import org.tstar.search.SearchOutcome;
import org.tstar.search.SearchTask;
import org.tstar.search.config.ExecutionSettings;
import org.tstar.search.config.SearchSettings;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;
import org.tstar.search.config.SparkSettings;
import org.tstar.search.config.TaskSettings;
import org.tstar.search.config.TemperatureRange;
import org.tstar.search.trial.Strategy;

/**
 * Training samples per second of one trial (the BN + linear head 512 → 100 on 20,000 × 512 features, the MNIST
 * MLP) and the Arbiter runner's overhead per candidate, each under every requested {@code OMP_NUM_THREADS}. ND4J
 * reads that variable once, when it loads, so every thread count is measured in a fresh JVM started with the same
 * JVM flags, running {@link #main} of this class.
 *
 * @param threads OMP_NUM_THREADS values, one child JVM each
 * @param workloads any of {@link #WORKLOADS}
 * @param rows training rows of the bn-linear workload
 * @param epochs epochs per timed trial
 * @param repeats timed trials per workload after one warm-up; the median is reported
 */
public record ThroughputBenchmark(List<Integer> threads, List<String> workloads, int rows, int epochs, int repeats) {
    public static final List<String> COLUMNS = List.of("workload", "omp_threads", "rows", "width", "classes", "batch", "epochs",
            "parameters", "samples_per_second", "seconds_per_epoch", "gflops_per_second", "overhead_ms_per_candidate",
            "overhead_fraction", "repeats", "date", "nd4j_build");
    public static final List<String> WORKLOADS = List.of("bn-linear", "mnist-mlp", "runner-overhead");

    public ThroughputBenchmark {
        check("--threads", !threads.isEmpty() && threads.stream().allMatch(t -> t >= 1 && t <= 256), threads, "1 to 256 each");
        check("--workloads", !workloads.isEmpty() && WORKLOADS.containsAll(workloads), workloads, "some of " + WORKLOADS);
        check("--rows", rows >= 256, rows, "at least one batch (256)");
        check("--epochs", epochs >= 1, epochs, "≥ 1");
        check("--repeats", repeats >= 1, repeats, "≥ 1");
        threads = List.copyOf(threads);
        workloads = List.copyOf(workloads);
    }

    /** Measures every thread count in its own JVM and writes the rows to {@code out}; prints them as a table. */
    public void run(Path out, PrintWriter console) throws IOException, InterruptedException {
        ReportFolder folder = ReportFolder.shared(out.toAbsolutePath().getParent());
        List<List<String>> rowsOut = new ArrayList<>();
        for (int t : threads) {
            rowsOut.addAll(inChild(t, console));
        }
        folder.writeAtomically(out.getFileName().toString(), CsvText.of(COLUMNS, rowsOut));
        console.print(table(rowsOut));
        console.printf("%nwrote %s%n", out);
        console.flush();
    }

    /**
     * The child JVM: {@code THREADS WORKLOADS ROWS EPOCHS REPEATS}; measures in this JVM (whose OMP_NUM_THREADS the
     * parent set) and prints one CSV row per workload.
     */
    public static void main(String[] args) {
        // as the command line does: ND4J's info lines would bury the parent's console
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        // the parent passes its build as -D, so both measure the same one
        Nd4jNativeBuild.selectBeforeNd4jLoads();
        ThroughputBenchmark b = new ThroughputBenchmark(List.of(Integer.parseInt(args[0])), List.of(args[1].split(",")),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        try {
            for (String w : b.workloads()) {
                System.out.println(String.join(",", b.measure(w)));
                System.out.flush();
            }
        } catch (InvalidInputException e) {
            // one line for the parent to hand on (missing MNIST, say), as every command refuses a bad input
            System.err.println(REFUSAL + InvalidInputException.firstLine(e.getMessage(), "input refused"));
            System.exit(2);
        }
    }

    /** How the child marks the one line of a refused input on its standard error. */
    private static final String REFUSAL = "tstar-throughput-refused: ";

    private static void check(String option, boolean ok, Object value, String rule) {
        if (!ok) {
            throw new InvalidInputException(option + ": must be " + rule + ", got " + value);
        }
    }

    /** Runs {@link #main} under OMP_NUM_THREADS = ompThreads and collects its rows. */
    private List<List<String>> inChild(int ompThreads, PrintWriter console) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + Nd4jNativeBuild.PROPERTY + "=" + Nd4jNativeBuild.selectBeforeNd4jLoads().extension());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ThroughputBenchmark.class.getName(),
                Integer.toString(ompThreads), String.join(",", workloads), Integer.toString(rows), Integer.toString(epochs),
                Integer.toString(repeats)));
        java.nio.file.Path errors = java.nio.file.Files.createTempFile("tstar-throughput", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(ompThreads));
        Process process = builder.start();
        List<List<String>> measured = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                List<String> cells = Arrays.asList(line.split(",", -1));
                if (cells.size() == COLUMNS.size()) {
                    measured.add(cells);
                    console.printf("OMP_NUM_THREADS=%d %s: %s%n", ompThreads, cells.get(0),
                            cells.get(8).isEmpty() ? cells.get(11) + " ms runner overhead per candidate" : cells.get(8) + " samples/s");
                    console.flush();
                }
            }
        }
        int code = process.waitFor();
        List<String> stderr = java.nio.file.Files.readAllLines(errors, StandardCharsets.UTF_8);
        java.nio.file.Files.deleteIfExists(errors);
        java.util.Optional<String> refused = stderr.stream().filter(l -> l.startsWith(REFUSAL)).findFirst();
        if (refused.isPresent()) {
            throw new InvalidInputException(refused.get().substring(REFUSAL.length()) + "; nothing was written");
        }
        stderr.forEach(System.err::println);
        if (code != 0) {
            throw new InvalidInputException("bench throughput: the measurement under OMP_NUM_THREADS=" + ompThreads
                    + " failed (exit " + code + "; its error is above); nothing was written");
        }
        return measured;
    }

    private List<String> measure(String workload) {
        int omp = threads.get(0);
        return switch (workload) {
            case "bn-linear" -> {
                // 100 Gaussian classes in 512 dimensions: the head of a typical backbone with 512 features.
                FeatureSet all = DataSource.parse("synthetic:n=" + (rows + 400) + ",dim=512,classes=100,sep=3.0,seed=1").loadAll();
                all = Standardization.fit(all).apply(all);
                int[] train = java.util.stream.IntStream.range(0, rows).toArray();
                int[] rest = java.util.stream.IntStream.range(rows, rows + 400).toArray();
                DataSplit split = new DataSplit(all.select(train, "train"), all.select(rest, "validation"), all.select(rest, "test"));
                yield trainingRow(workload, omp, PreparedSplit.of(split), HeadSpec.linear(true),
                        new TrainingRecipe(UpdaterKind.ADAM, 0.01, epochs, 256, 42));
            }
            case "mnist-mlp" -> {
                SearchSpaceDefinition space = SpaceFileReader.load(Path.of("search-spaces", "mnist-mlp.yaml"));
                TrainingRecipe r = space.recipe();
                yield trainingRow(workload, omp, SearchTask.prepare(space).data(), space.head(),
                        new TrainingRecipe(r.updater(), r.learningRate(), epochs, r.batchSize(), r.seed()));
            }
            default -> runnerOverhead(omp);
        };
    }

    /** Median samples/second over the repeats of one trial's training; evaluation is kept to 100 rows. */
    private List<String> trainingRow(String workload, int omp, PreparedSplit data, HeadSpec head, TrainingRecipe recipe) {
        PreparedSplit timed = new PreparedSplit(data.split(), data.trainFeatures(), data.trainLabels(),
                firstRows(data.validationFeatures()), firstRows(data.validationLabels()), firstRows(data.testFeatures()),
                firstRows(data.testLabels()), data.inputRange());
        TemperatureTrainer trainer = new TemperatureTrainer(head, recipe);
        trainer.train(timed, 1.0);
        double[] perSecond = new double[repeats];
        double flopsPerSample = 0;
        for (int i = 0; i < repeats; i++) {
            TrialResult r = trainer.train(timed, 1.0);
            perSecond[i] = r.samplePasses() / r.seconds();
            flopsPerSample = r.flops() / r.samplePasses();
        }
        Arrays.sort(perSecond);
        double median = perSecond[repeats / 2];
        long parameters = TemperatureTrainer.trainableParameters(trainer.network(data.inputWidth(), data.classCount(), 1.0));
        return row(workload, omp, data.trainRows(), data.inputWidth(), data.classCount(), recipe.batchSize(), parameters,
                fmt(median), fmt(data.trainRows() / median), fmt(median * flopsPerSample / 1e9), "", "");
    }

    /** A 12-point grid of one-epoch digits trials through Arbiter's runner: wall time not spent training. */
    private List<String> runnerOverhead(int omp) {
        SearchSpaceDefinition s = SpaceFileReader.load(Path.of("search-spaces", "digits-linear.yaml"));
        TrainingRecipe r = s.recipe();
        SearchSpaceDefinition space = new SearchSpaceDefinition(s.name(), new TaskSettings(s.data(), s.head(),
                new TrainingRecipe(r.updater(), r.learningRate(), 1, r.batchSize(), r.seed()), s.robustness()),
                new SearchSettings(new TemperatureRange(s.temperature().min(), s.temperature().max(), 12), s.score(),
                        s.analytical(), s.random(), s.successiveHalving(), s.pruning()),
                new ExecutionSettings(1, false, SparkSettings.LOCAL));
        SearchTask task = SearchTask.prepare(space);
        double[] perCandidate = new double[repeats];
        double[] fraction = new double[repeats];
        task.run(Strategy.GRID, record -> { });
        for (int i = 0; i < repeats; i++) {
            SearchOutcome.RunnerOverhead o = task.run(Strategy.GRID, record -> { }).overhead();
            perCandidate[i] = 1000 * o.perCandidateSeconds();
            fraction[i] = o.perCandidateFraction();
        }
        Arrays.sort(perCandidate);
        Arrays.sort(fraction);
        return row("runner-overhead", omp, task.data().trainRows(), task.data().inputWidth(), task.data().classCount(),
                r.batchSize(), -1, "", "", "", fmt(perCandidate[repeats / 2]), fmt(fraction[repeats / 2]));
    }

    private List<String> row(String workload, int omp, int n, int width, int classes, int batch, long parameters,
                             String perSecond, String secondsPerEpoch, String gflops, String overheadMs, String overheadFraction) {
        return List.of(workload, Integer.toString(omp), Integer.toString(n), Integer.toString(width), Integer.toString(classes),
                Integer.toString(batch), Integer.toString(epochs), parameters < 0 ? "" : Long.toString(parameters), perSecond, secondsPerEpoch,
                gflops, overheadMs, overheadFraction, Integer.toString(repeats), LocalDate.now().toString(),
                Nd4jNativeBuild.loaded());
    }

    private static INDArray firstRows(INDArray m) {
        long n = Math.min(100, m.rows());
        return m.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup().castTo(DataType.FLOAT);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String table(List<List<String>> rows) {
        StringBuilder md = new StringBuilder("\n| workload | OMP_NUM_THREADS | rows × width → classes | samples/s | s/epoch | GFLOP/s | runner overhead ms/candidate |\n"
                + "|---|---:|---|---:|---:|---:|---:|\n");
        for (List<String> r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s × %s → %s | %s | %s | %s | %s |%n", r.get(0), r.get(1), r.get(2),
                    r.get(3), r.get(4), dash(r.get(8)), dash(r.get(9)), dash(r.get(10)), dash(r.get(11))));
        }
        return md.toString();
    }

    private static String dash(String cell) {
        return cell.isEmpty() ? "—" : cell;
    }
}
