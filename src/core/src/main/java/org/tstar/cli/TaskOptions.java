package org.tstar.cli;

import java.util.ArrayList;
import java.util.List;
import org.tstar.data.DataSource;
import org.tstar.data.StratifiedSplit;
import org.tstar.data.TaskData;
import org.tstar.model.HeadSpec;
import picocli.CommandLine.Option;

/** The command-line description of a task shared by {@code train} and {@code estimate}: data, head shape, seed. */
final class TaskOptions {
    @Option(names = "--data", description = "Data SPEC (default: digits).")
    String data;

    @Option(names = "--head", defaultValue = "linear", description = "linear, mlp or cosine (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--hidden", split = ",", description = "Hidden widths for mlp/cosine heads, e.g. 128,64; M is the last.")
    List<Integer> hidden = new ArrayList<>();

    @Option(names = "--feature-map", description = "relu:WIDTH or pca:WIDTH, applied before the head.")
    String featureMap;

    @Option(names = "--seed", defaultValue = "42", description = "Seeds the split, feature map, weights and CSG.")
    long seed;

    /** Whether the user described the data on the command line (as opposed to in a space file). */
    boolean describesData() {
        return data != null || featureMap != null;
    }

    /** The data as a 60/20/20 stratified split seeded with {@code --seed}. */
    TaskData task() {
        return new TaskData(DataSource.parse(data == null ? "digits" : data), new StratifiedSplit(0.6, 0.2, 0.2, seed),
                TaskData.parseFeatureMap(featureMap, seed, "--feature-map"));
    }

    HeadSpec head(boolean batchNormBeforeOutput, boolean rescaledLoss) {
        return new HeadSpec(HeadSpec.parseType(head), hidden, batchNormBeforeOutput, rescaledLoss);
    }
}
