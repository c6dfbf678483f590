package org.tstar.model;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.tstar.data.SeededPermutation;
import org.tstar.robustness.InputGradient;
import org.tstar.robustness.InputRange;
import org.tstar.robustness.ProjectedGradientDescent;
import org.tstar.robustness.Robustness;
import org.tstar.robustness.RobustnessEvaluation;
import org.tstar.robustness.RobustnessSettings;

/**
 * Trains one classifier head at one temperature under a fixed recipe and measures the result: the single place
 * where a trial's network is built, fitted and scored.
 *
 * <p>Minibatch order is drawn from {@code Random(seed + epoch)}, and the initial weights from the recipe's seed,
 * so the same (data, head, recipe, T) always gives the same numbers on one machine with OMP_NUM_THREADS=1.
 */
public final class TemperatureTrainer implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final HeadSpec head;
    private final TrainingRecipe recipe;
    private final RobustnessSettings robustness;

    public TemperatureTrainer(HeadSpec head, TrainingRecipe recipe) {
        this(head, recipe, RobustnessSettings.NONE);
    }

    /** A trainer that also measures robustness and, when asked, trains on PGD examples. */
    public TemperatureTrainer(HeadSpec head, TrainingRecipe recipe, RobustnessSettings robustness) {
        this.head = head;
        this.recipe = recipe;
        this.robustness = robustness;
    }

    public HeadSpec head() {
        return head;
    }

    public TrainingRecipe recipe() {
        return recipe;
    }

    public RobustnessSettings robustness() {
        return robustness;
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
        return train(data, temperature, EpochObserver.NONE);
    }

    /**
     * As {@link #train(PreparedSplit, double)}, evaluating the validation part after every epoch for
     * {@code observer} (unless it is {@link EpochObserver#NONE}); when it says stop, the trial ends
     * {@link TrialStatus#PRUNED} with that epoch's scores. Evaluation does not change the network (inference mode),
     * so the trained weights, and a completed trial's scores, are those of a run without an observer.
     */
    public TrialResult train(PreparedSplit data, double temperature, EpochObserver observer) {
        TemperatureScale.requireValid(temperature);
        long start = System.nanoTime();
        MultiLayerNetwork net = network(data.inputWidth(), data.classCount(), temperature);
        double flopsPerSample = 6.0 * trainableParameters(net);
        int rows = data.trainRows();
        long passes = 0;
        double evaluationFlopsPerEpoch = 2.0 * trainableParameters(net) * data.validationFeatures().rows();
        double evaluationFlops = 0;
        // each PGD step is one forward and backward pass of the attacked rows: counted in FLOPs, not in sample passes
        long attackPasses = 0;
        RobustnessSettings.AdversarialTraining adversarial = robustness.adversarialTraining();
        InputRange range = data.inputRange();
        InputGradient attackView = adversarial != null ? InputGradient.of(net) : null;
        MinibatchRows minibatches = new MinibatchRows(data.trainFeatures(), data.trainLabels());
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            int[] order = SeededPermutation.of(rows, new Random(recipe.seed() + epoch));
            for (int from = 0; from < rows; from += recipe.batchSize()) {
                int[] batch = java.util.Arrays.copyOfRange(order, from, Math.min(rows, from + recipe.batchSize()));
                INDArray[] rowsOfBatch = minibatches.gather(batch);
                INDArray x = rowsOfBatch[0];
                INDArray y = rowsOfBatch[1];
                if (adversarial != null) {
                    attackPasses += (long) Math.ceil(adversarial.fraction() * batch.length) * adversarial.pgd().steps();
                    x = withAdversarialRows(attackView.update(net), x, y, range, adversarial,
                            recipe.seed() * 31 + epoch * 1_000_003L + from);
                }
                net.fit(new DataSet(x, y));
                passes += batch.length;
            }
            double score = net.score();
            if (!Double.isFinite(score)) {
                return TrialResult.failed(temperature, "training loss became " + score + " in epoch " + (epoch + 1),
                        epoch + 1, passes, seconds(start), flopsPerSample * (passes + attackPasses));
            }
            if (observer != EpochObserver.NONE && epoch + 1 < recipe.epochs()) {
                Evaluation point = evaluate(net, data.validationFeatures(), data.validationLabels());
                evaluationFlops += evaluationFlopsPerEpoch;
                long asked = System.nanoTime();
                boolean goOn = observer.epochEnded(epoch + 1, passes, point.accuracy, point.loss);
                // time in the observer (a schedule holding the trial at a rung, the curve log) is not the trial's
                start += System.nanoTime() - asked;
                if (!goOn) {
                    return new TrialResult(temperature, TrialStatus.PRUNED, "pruned after epoch " + (epoch + 1), epoch + 1,
                            passes, seconds(start), flopsPerSample * (passes + attackPasses), point.accuracy, point.loss,
                            Double.NaN, Robustness.NONE, evaluationFlops);
                }
            }
        }
        Evaluation validation = evaluate(net, data.validationFeatures(), data.validationLabels());
        if (observer != EpochObserver.NONE && Double.isFinite(validation.loss)) {
            // the last epoch's point is the trial's own evaluation: recorded, not counted twice, never pruned
            long asked = System.nanoTime();
            observer.epochEnded(recipe.epochs(), passes, validation.accuracy, validation.loss);
            start += System.nanoTime() - asked;
        }
        Evaluation test = evaluate(net, data.testFeatures(), data.testLabels());
        if (!Double.isFinite(validation.loss) || !Double.isFinite(validation.accuracy)) {
            return TrialResult.failed(temperature, "validation loss is " + validation.loss, recipe.epochs(), passes,
                    seconds(start), flopsPerSample * (passes + attackPasses));
        }
        Robustness measured = RobustnessEvaluation.evaluate(net, data.validationFeatures(), data.validationLabels(),
                validation.accuracy, data.testFeatures(), data.testLabels(), range, robustness);
        return new TrialResult(temperature, TrialStatus.COMPLETED, "", recipe.epochs(), passes, seconds(start),
                flopsPerSample * (passes + attackPasses), validation.accuracy, validation.loss, test.accuracy, measured,
                evaluationFlops);
    }

    /**
     * The minibatch with its first {@code fraction} of rows (the order is already shuffled) replaced by PGD
     * examples against the network as it is now, seen through its inference-mode copy.
     */
    private static INDArray withAdversarialRows(InputGradient now, INDArray x, INDArray y, InputRange range,
                                                RobustnessSettings.AdversarialTraining adversarial, long seed) {
        int k = (int) Math.ceil(adversarial.fraction() * x.rows());
        int[] rows = java.util.stream.IntStream.range(0, k).toArray();
        INDArray attacked = new ProjectedGradientDescent(adversarial.pgd(), seed)
                .perturb(now, x.getRows(rows), y.getRows(rows), range);
        INDArray mixed = x.dup();
        for (int i = 0; i < k; i++) {
            mixed.putRow(i, attacked.getRow(i).castTo(x.dataType()));
        }
        return mixed;
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
