package org.tstar.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Builds the DL4J network of a classifier head at a given temperature.
 *
 * <p>The temperature always lives in a {@link TemperatureScale} activation just before a
 * {@code LossLayer(MCXENT, SOFTMAX)} (see that class for why). The rescaled loss is MCXENT with every class
 * weighted T: for uniform weights LossMCXENT's fused softmax gradient is exactly T·(p − y), so the loss the
 * network reports and the gradient it applies stay consistent (a gradient check passes), which scaling the
 * gradient inside the activation would break.
 */
public final class ClassifierHeads {
    private ClassifierHeads() {
    }

    /** The configuration a trial trains: the recipe's updater and seed, single precision. */
    public static MultiLayerConfiguration configuration(HeadSpec head, int inputWidth, int classes,
                                                        double temperature, TrainingRecipe recipe) {
        return configuration(head, inputWidth, classes, temperature, recipe.updater().create(recipe.learningRate()),
                recipe.seed(), DataType.FLOAT);
    }

    /** The configuration with an explicit updater and precision (gradient checks need NoOp and DOUBLE). */
    public static MultiLayerConfiguration configuration(HeadSpec head, int inputWidth, int classes,
                                                        double temperature, IUpdater updater, long seed,
                                                        DataType dataType) {
        TemperatureScale scale = new TemperatureScale(temperature);
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .list();
        for (int width : head.hidden()) {
            layers.layer(new DenseLayer.Builder().nOut(width).activation(Activation.RELU).build());
        }
        if (head.batchNormBeforeOutput()) {
            layers.layer(new DenseBatchNormalizationLayer(head.featureWidth(inputWidth)));
        }
        if (head.type() == HeadType.COSINE) {
            layers.layer(new CosineSimilarityLayer.Builder(classes, scale).build());
        } else {
            layers.layer(new DenseLayer.Builder().nOut(classes).activation(scale).build());
        }
        layers.layer(new LossLayer.Builder().lossFunction(loss(head, classes, temperature))
                .activation(Activation.SOFTMAX).build());
        return layers.setInputType(InputType.feedForward(inputWidth)).build();
    }

    private static ILossFunction loss(HeadSpec head, int classes, double temperature) {
        if (!head.rescaledLoss()) {
            return new LossMCXENT();
        }
        return new LossMCXENT(Nd4j.valueArrayOf(new long[] {1, classes}, temperature, DataType.DOUBLE));
    }
}
