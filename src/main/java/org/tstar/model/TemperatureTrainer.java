package org.tstar.model;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.tstar.data.SeededPermutation;

/**
 * Trains one classifier head at one temperature under a fixed recipe and measures the result: the single place
 * where a trial's network is built, fitted and scored.
 *
 * <p>Minibatch order is drawn from {@code Random(seed + epoch)}, and the initial weights from the recipe's seed,
 * so the same (data, head, recipe, T) always gives the same numbers on one machine with OMP_NUM_THREADS=1.
 */
public final class TemperatureTrainer {
    private final HeadSpec head;
    private final TrainingRecipe recipe;

    public TemperatureTrainer(HeadSpec head, TrainingRecipe recipe) {
        this.head = head;
        this.recipe = recipe;
    }

    public HeadSpec head() {
        return head;
    }

    public TrainingRecipe recipe() {
        return recipe;
    }

    /** Builds an initialized network for this head at {@code temperature} on data of the given shape. */
    public MultiLayerNetwork network(int inputWidth, int classes, double temperature) {
        MultiLayerConfiguration conf = ClassifierHeads.configuration(head, inputWidth, classes, temperature, recipe);
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Trains and evaluates; a non-finite loss or score ends the trial as {@link TrialStatus#FAILED}. */
    public TrialResult train(PreparedSplit data, double temperature) {
        TemperatureScale.requireValid(temperature);
        long start = System.nanoTime();
        MultiLayerNetwork net = network(data.inputWidth(), data.classCount(), temperature);
        double flopsPerSample = 6.0 * trainableParameters(net);
        int rows = data.trainRows();
        long passes = 0;
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            int[] order = SeededPermutation.of(rows, new Random(recipe.seed() + epoch));
            for (int from = 0; from < rows; from += recipe.batchSize()) {
                int[] batch = java.util.Arrays.copyOfRange(order, from, Math.min(rows, from + recipe.batchSize()));
                net.fit(new DataSet(Nd4j.pullRows(data.trainFeatures(), 1, batch),
                        Nd4j.pullRows(data.trainLabels(), 1, batch)));
                passes += batch.length;
            }
            double score = net.score();
            if (!Double.isFinite(score)) {
                return TrialResult.failed(temperature, "training loss became " + score + " in epoch " + (epoch + 1),
                        epoch + 1, passes, seconds(start), flopsPerSample * passes);
            }
        }
        Evaluation validation = evaluate(net, data.validationFeatures(), data.validationLabels());
        Evaluation test = evaluate(net, data.testFeatures(), data.testLabels());
        if (!Double.isFinite(validation.loss) || !Double.isFinite(validation.accuracy)) {
            return TrialResult.failed(temperature, "validation loss is " + validation.loss, recipe.epochs(), passes,
                    seconds(start), flopsPerSample * passes);
        }
        return new TrialResult(temperature, TrialStatus.COMPLETED, "", recipe.epochs(), passes, seconds(start),
                flopsPerSample * passes, validation.accuracy, validation.loss, test.accuracy);
    }

    /** Parameters the optimizer updates: BatchNormalization's running mean and variance are not among them. */
    public static long trainableParameters(MultiLayerNetwork net) {
        long count = 0;
        for (var entry : net.paramTable().entrySet()) {
            String name = entry.getKey();
            if (!(name.endsWith("_mean") || name.endsWith("_var") || name.endsWith("_log10stdev"))) {
                count += entry.getValue().length();
            }
        }
        return count;
    }

    private record Evaluation(double accuracy, double loss) {
    }

    /** Accuracy and mean cross-entropy of the tempered softmax; probabilities are floored at 1e-30. */
    private static Evaluation evaluate(MultiLayerNetwork net, INDArray features, INDArray labels) {
        INDArray probabilities = net.output(features, false);
        INDArray predicted = probabilities.argMax(1);
        INDArray actual = labels.argMax(1);
        long rows = features.rows();
        long correct = 0;
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            int label = actual.getInt(i);
            if (predicted.getInt(i) == label) {
                correct++;
            }
            loss -= Math.log(Math.max(1e-30, probabilities.getDouble(i, label)));
        }
        return new Evaluation((double) correct / rows, loss / rows);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
