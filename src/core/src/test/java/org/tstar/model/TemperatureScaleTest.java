package org.tstar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.tstar.InvalidInputException;
import org.tstar.data.BundledDigits;
import org.tstar.data.DataSplit;
import org.tstar.data.StratifiedSplit;

class TemperatureScaleTest {

    @Test
    void dividesForwardAndBackwardByT() {
        TemperatureScale scale = new TemperatureScale(4);
        INDArray z = Nd4j.createFromArray(new double[][] {{2, -8, 0.5}});
        assertThat(scale.getActivation(z.dup(), true).toDoubleVector()).containsExactly(0.5, -2, 0.125);
        INDArray epsilon = Nd4j.createFromArray(new double[][] {{1, 2, -4}});
        assertThat(scale.backprop(z, epsilon).getFirst().toDoubleVector()).containsExactly(0.25, 0.5, -1);
    }

    @Test
    void refusesNonPositiveOrNonFiniteTemperatures() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new TemperatureScale(bad)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("temperature").hasMessageContaining(String.valueOf(bad));
        }
    }

    @Test
    void atUnitTemperatureTheHeadTrainsExactlyLikeAPlainHead() {
        DataSplit split = StratifiedSplit.standard().split(BundledDigits.load()).standardized();
        TrainingRecipe recipe = new TrainingRecipe(UpdaterKind.ADAM, 1e-2, 1, 64, 3);
        MultiLayerNetwork tempered = new MultiLayerNetwork(ClassifierHeads.configuration(
                HeadSpec.linear(true), 64, 10, 1.0, recipe));
        tempered.init();
        MultiLayerConfiguration plainConf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .updater(new Adam(1e-2)).weightInit(WeightInit.XAVIER).list()
                .layer(new BatchNormalization.Builder().nOut(64).build())
                .layer(new DenseLayer.Builder().nOut(10).activation(Activation.IDENTITY).build())
                .layer(new LossLayer.Builder().lossFunction(new LossMCXENT()).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(64)).build();
        MultiLayerNetwork plain = new MultiLayerNetwork(plainConf);
        plain.init();
        assertThat(tempered.params()).isEqualTo(plain.params());
        INDArray initial = tempered.params().dup();

        INDArray features = split.train().features(DataType.FLOAT);
        INDArray labels = split.train().oneHotLabels(DataType.FLOAT);
        for (int from = 0; from < features.rows(); from += 64) {
            int to = (int) Math.min(features.rows(), from + 64);
            DataSet batch = new DataSet(features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)),
                    labels.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)));
            tempered.fit(batch);
            plain.fit(batch);
        }
        double maxDifference = tempered.params().sub(plain.params()).amaxNumber().doubleValue();
        assertThat(maxDifference).isLessThanOrEqualTo(1e-6);
        assertThat(tempered.params().sub(initial).amaxNumber().doubleValue()).as("the epoch moved the weights")
                .isGreaterThan(1e-3);
    }
}
