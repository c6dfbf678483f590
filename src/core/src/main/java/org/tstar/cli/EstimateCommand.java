package org.tstar.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSplit;
import org.tstar.data.TaskData;
import org.tstar.estimate.AnalyticalTemperature;
import org.tstar.estimate.CumulativeSpectralGradient;
import org.tstar.estimate.TemperatureCoefficients;
import org.tstar.estimate.TransferPrior;
import org.tstar.model.HeadSpec;
import org.tstar.report.EstimateReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.tstar.search.EstimateSource;
import org.tstar.search.config.SearchSpaceDefinition;
import org.tstar.search.config.SpaceFileReader;

/** {@code tstar estimate}: the training-free T̂* of a task, term by term, with the coefficients' provenance. */
@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Estimate the optimal softmax temperature without training.")
final class EstimateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    TaskOptions task;

    @Option(names = "--space", description = "A search-space file: its data, head and coefficients.")
    java.nio.file.Path space;

    @Option(names = "--coefficients",
            description = "paper, fitted, prior (needs --space), or a coefficients or prior YAML file (default: the space's, else paper).")
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
        // with a space, the seed a search and a benchmark estimate with, so the same task gets the same csg
        CumulativeSpectralGradient csg = new CumulativeSpectralGradient(csgSamples, csgNeighbours, csgDims,
                space != null ? CumulativeSpectralGradient.standard().seed() : task.seed);
        AnalyticalTemperature.Estimate e;
        SearchSpaceDefinition definition;
        long start;
        int rows;
        if (space != null) {
            if (task.describesData()) {
                throw new InvalidInputException("estimate: give --space or --data/--feature-map, not both");
            }
            definition = SpaceFileReader.load(space);
            EstimateSource source = EstimateSource.resolve(definition,
                    coefficients != null ? coefficients : definition.analytical().coefficients());
            DataSplit split = definition.data().prepare();
            rows = split.train().rows();
            start = System.nanoTime();
            e = source.estimate(definition, split, csg);
        } else {
            if (coefficients != null && TransferPrior.names(coefficients)) {
                throw new InvalidInputException("estimate: a prior reads the training recipe too: give --space FILE");
            }
            definition = null;
            HeadSpec headSpec = task.head(true, false);
            TemperatureCoefficients k = TemperatureCoefficients.forHead(coefficients == null ? "paper" : coefficients,
                    headSpec.type() == org.tstar.model.HeadType.COSINE);
            DataSplit split = task.task().prepare();
            rows = split.train().rows();
            start = System.nanoTime();
            e = AnalyticalTemperature.estimate(headSpec.featureWidth(split.width()), split.train(), k, csg);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        HeadSpec headSpec = definition != null ? definition.head() : task.head(true, false);
        TaskData taskData = definition != null ? definition.data() : task.task();
        EstimateReport report = new EstimateReport(e, taskData.source().spec(), headSpec, csg, seconds, rows);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? report.json() + System.lineSeparator() : report.text());
        out.flush();
        return 0;
    }
}
