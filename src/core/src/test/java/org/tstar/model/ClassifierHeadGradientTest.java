package org.tstar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/** Backprop of every head equals a central finite difference of its loss, at small, unit and large T. */
class ClassifierHeadGradientTest {
    private static final int INPUT = 4;
    private static final int CLASSES = 3;
    private static final int BATCH = 8;
    private static DataType previousType;

    @BeforeAll
    static void doublePrecision() {
        previousType = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(previousType, previousType);
    }

    static Stream<Arguments> heads() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (HeadType type : HeadType.values()) {
            for (double t : new double[] {0.1, 1, 10}) {
                for (boolean bn : new boolean[] {false, true}) {
                    for (boolean rescaled : new boolean[] {false, true}) {
                        List<Integer> hidden = type == HeadType.LINEAR ? List.of() : List.of(5);
                        cases.add(Arguments.of(new HeadSpec(type, hidden, bn, rescaled), t));
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} at T={1}")
    @MethodSource("heads")
    void backpropMatchesFiniteDifferences(HeadSpec head, double temperature) {
        MultiLayerNetwork net = new MultiLayerNetwork(ClassifierHeads.configuration(head, INPUT, CLASSES,
                temperature, new NoOp(), 12345, DataType.DOUBLE));
        net.init();
        Random random = new Random(7);
        INDArray features = Nd4j.create(DataType.DOUBLE, BATCH, INPUT);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, CLASSES);
        for (int i = 0; i < BATCH; i++) {
            for (int j = 0; j < INPUT; j++) {
                features.putScalar(i, j, random.nextGaussian());
            }
            labels.putScalar(i, i % CLASSES, 1.0);
        }
        // BatchNormalization's running statistics are not trained by gradients.
        Set<String> runningStats = net.paramTable().keySet().stream()
                .filter(k -> k.endsWith("_mean") || k.endsWith("_var") || k.endsWith("_log10stdev"))
                .collect(Collectors.toSet());
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net)
                .input(features).labels(labels).excludeParams(runningStats)
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(ok).as("gradient check of %s at T=%s", head, temperature).isTrue();
    }
}
