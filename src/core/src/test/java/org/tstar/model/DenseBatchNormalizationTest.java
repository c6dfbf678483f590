package org.tstar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * tstar's dense batch normalization trains exactly as DL4J's BatchNormalization does, to rounding: the same
 * network built with either layer, from the same seed, has the same outputs (training and inference mode), the
 * same parameters (weights, γ, β and the running statistics) after 30 Adam steps on minibatches of two sizes, and
 * the same network JSON apart from the layer's class.
 */
class DenseBatchNormalizationTest {
    private static final int INPUT = 6;
    private static final int WIDTH = 5;
    private static final int CLASSES = 3;

    private static MultiLayerNetwork network(Layer batchNorm, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(type).updater(new Adam(0.05))
                .weightInit(WeightInit.XAVIER).list()
                .layer(new DenseLayer.Builder().nOut(WIDTH).activation(Activation.RELU).build())
                .layer(batchNorm)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(INPUT)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet batch(int rows, long seed, DataType type) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(type, rows, INPUT).muli(2).addi(0.5);
        INDArray y = Nd4j.zeros(type, rows, CLASSES);
        for (int i = 0; i < rows; i++) {
            y.putScalar(i, (i * 7 + seed) % CLASSES, 1.0);
        }
        return new DataSet(x, y);
    }

    @ParameterizedTest(name = "useLogStd={0}")
    @ValueSource(booleans = {true, false})
    void trainsAsDl4jsBatchNormalizationDoes(boolean useLogStd) {
        BatchNormalization reference = new BatchNormalization.Builder().nOut(WIDTH).useLogStd(useLogStd).build();
        DenseBatchNormalizationLayer dense = new DenseBatchNormalizationLayer(WIDTH);
        dense.setUseLogStd(useLogStd);
        MultiLayerNetwork theirs = network(reference, DataType.DOUBLE);
        MultiLayerNetwork ours = network(dense, DataType.DOUBLE);
        assertThat(ours.getLayer(1)).isInstanceOf(DenseBatchNormalization.class);
        assertThat(ours.params()).isEqualTo(theirs.params());
        for (int step = 0; step < 30; step++) {
            DataSet d = batch(step % 3 == 2 ? 7 : 16, step, DataType.DOUBLE);
            theirs.fit(d);
            ours.fit(d);
            assertThat(ours.score()).as("loss at step %d", step).isCloseTo(theirs.score(), org.assertj.core.api.Assertions.within(1e-10));
        }
        Map<String, INDArray> expected = theirs.paramTable();
        assertThat(ours.paramTable().keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, value) -> assertThat(maxDifference(ours.getParam(name), value))
                .as("parameter %s after 30 steps", name).isLessThan(1e-10));
        assertThat(ours.getParam("1_mean").maxNumber().doubleValue()).as("the running mean moved").isNotZero();
        INDArray probe = batch(9, 99, DataType.DOUBLE).getFeatures();
        assertThat(maxDifference(ours.output(probe, false), theirs.output(probe, false))).as("inference").isLessThan(1e-10);
        assertThat(maxDifference(ours.output(probe, true), theirs.output(probe, true))).as("training mode").isLessThan(1e-10);
        assertThat(ours.getLayerWiseConfigurations().toJson().replace(DenseBatchNormalizationLayer.class.getName(),
                BatchNormalization.class.getName())).isEqualTo(theirs.getLayerWiseConfigurations().toJson());
        MultiLayerNetwork reread = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(ours.getLayerWiseConfigurations().toJson()));
        reread.init(ours.params(), true);
        assertThat(reread.getLayer(1)).as("read back from JSON").isInstanceOf(DenseBatchNormalization.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void trainingAllocatesTheBatchArraysOncePerMinibatchSize(DataType type) {
        MultiLayerNetwork net = network(new DenseBatchNormalizationLayer(WIDTH), type);
        DataSet d = batch(16, 1, type);
        net.fit(d);
        INDArray first = net.output(d.getFeatures(), true).dup();
        for (int i = 0; i < 5; i++) {
            net.fit(batch(11, i, type));
            net.fit(d);
        }
        assertThat(net.score()).isFinite();
        assertThat(maxDifference(first, net.output(d.getFeatures(), true))).as("the network trained").isGreaterThan(0);
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
