package org.tstar.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSplit;
import org.tstar.data.TaskData;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CumulativeSpectralGradient;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.model.HeadSpec;
import org.tstar.search.SearchSpaceDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tstar estimate}: the training-free T̂* of a task, term by term, with the coefficients' provenance. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate the optimal softmax temperature without training.")
final class EstimateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    TaskOptions task;

    /** The data spec as printed, from the space file or the command line. */
    private String data;

    @Option(names = "--space", description = "A search-space file: its data, head and coefficients.")
    java.nio.file.Path space;

    @Option(names = "--coefficients",
            description = "paper, fitted, or a coefficients YAML file (default: the space's, else paper).")
    String coefficients;

    @Option(names = "--csg-samples", defaultValue = "250", description = "CSG samples per class m (default: ${DEFAULT-VALUE}).")
    int csgSamples;

    @Option(names = "--csg-neighbours", defaultValue = "3", description = "CSG neighbours k (default: ${DEFAULT-VALUE}).")
    int csgNeighbours;

    @Option(names = "--csg-dims", defaultValue = "4",
            description = "PCA dimensions CSG works in, 0 for none (default: ${DEFAULT-VALUE}).")
    int csgDims;

    @Option(names = "--json", description = "Print one machine-readable JSON line.")
    boolean json;

    @Option(names = "--verbose", description = "Log at info level and show stack traces.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        HeadSpec headSpec;
        TaskData taskData;
        String coefficientSet = coefficients;
        if (space != null) {
            if (task.describesData()) {
                throw new InvalidInputException("estimate: give --space or --data/--feature-map, not both");
            }
            SearchSpaceDefinition definition = SearchSpaceDefinition.load(space);
            headSpec = definition.head();
            taskData = definition.data();
            coefficientSet = coefficients != null ? coefficients : definition.analytical().coefficients();
        } else {
            headSpec = task.head(true, false);
            taskData = task.task();
        }
        data = taskData.source().spec();
        TemperatureCoefficients k = TemperatureCoefficients.load(coefficientSet == null ? "paper" : coefficientSet);
        CumulativeSpectralGradient csg = new CumulativeSpectralGradient(csgSamples, csgNeighbours, csgDims, task.seed);
        DataSplit split = taskData.prepare();
        long start = System.nanoTime();
        int m = headSpec.featureWidth(split.width());
        AnalyticalTemperature.Estimate e = AnalyticalTemperature.estimate(m, split.train(), k, csg);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(asMap(e, seconds)));
            return 0;
        }
        out.printf("T̂* = %.4f   (%s coefficients, data %s, head %s)%n", e.temperature(), k.name(), data, headSpec);
        out.printf("  α√M       = %.4f × √%d = %.4f%n", k.alpha(), m, e.widthTerm());
        out.printf("  β         = %.4f%n", e.intercept());
        out.printf("  γ·ln csg  = %.4f × ln %.4f = %.4f%n", k.gamma(), e.csg(), e.difficultyTerm());
        out.printf("  δ·ln C    = %.4f × ln %d = %.4f%n", k.delta(), e.classes(), e.classTerm());
        out.printf("  sum       = %.4f; clip to [%s, %s]: %s%n", e.unclipped(), k.minTemperature(),
                k.maxTemperature(), e.clipped() ? "applied, T̂* = " + e.temperature() : "not needed");
        out.printf("M = %d (%s), C = %d, csg = %.4f (k = %d, m = %d per class, %s; %.2f s on %d training rows)%n",
                m, headSpec.hidden().isEmpty() ? "input width" : "last hidden width", e.classes(), e.csg(),
                csgNeighbours, csgSamples, csgDims > 0 ? "PCA to " + csgDims + " dims" : "no projection", seconds,
                split.train().rows());
        out.printf("coefficients: %s; fitted on: %s; date: %s%s%n", k.provenance().source(), k.provenance().fittedOn(),
                k.provenance().date(), k.provenance().hasCrossValidatedError()
                        ? "; CV error (log T): " + k.provenance().crossValidatedLogError() : "");
        return 0;
    }

    private Map<String, Object> asMap(AnalyticalTemperature.Estimate e, double seconds) {
        TemperatureCoefficients k = e.coefficients();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("temperature", e.temperature());
        m.put("unclipped", e.unclipped());
        m.put("clipped", e.clipped());
        m.put("widthTerm", e.widthTerm());
        m.put("intercept", e.intercept());
        m.put("difficultyTerm", e.difficultyTerm());
        m.put("classTerm", e.classTerm());
        m.put("M", e.featureWidth());
        m.put("C", e.classes());
        m.put("csg", e.csg());
        m.put("data", data);
        m.put("coefficients", k.name());
        m.put("alpha", k.alpha());
        m.put("beta", k.beta());
        m.put("gamma", k.gamma());
        m.put("delta", k.delta());
        m.put("minTemperature", k.minTemperature());
        m.put("maxTemperature", k.maxTemperature());
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", k.provenance().source());
        provenance.put("fittedOn", k.provenance().fittedOn());
        provenance.put("date", k.provenance().date());
        provenance.put("crossValidatedLogError",
                k.provenance().hasCrossValidatedError() ? k.provenance().crossValidatedLogError() : null);
        m.put("provenance", provenance);
        m.put("seconds", seconds);
        return m;
    }
}
