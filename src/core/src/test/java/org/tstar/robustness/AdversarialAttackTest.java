package org.tstar.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.tstar.data.FeatureSet;
import org.tstar.data.GaussianMixture;
import org.tstar.data.Standardization;
import org.tstar.model.ClassifierHeads;
import org.tstar.model.HeadSpec;
import org.tstar.model.HeadType;

/**
 * The input gradient is DL4J's backpropagation through an inference-equivalent copy: it reproduces the trained
 * network's predictions for every head and matches a central finite difference on a linear head; FGSM and PGD stay
 * in the ε-ball and the input box, order as PGD ≤ FGSM ≤ clean, and ε = 0 gives the clean accuracy exactly.
 */
class AdversarialAttackTest {
    private static final FeatureSet DATA = standardized(new GaussianMixture(600, 8, 3, 2.0, 5).generate());

    private static FeatureSet standardized(FeatureSet s) {
        return Standardization.fit(s).apply(s);
    }

    static MultiLayerNetwork trained(HeadSpec head, double temperature, DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(ClassifierHeads.configuration(head, DATA.width(), DATA.classCount(),
                temperature, new Adam(0.02), 7, type));
        net.init();
        DataSet all = new DataSet(DATA.features(type), DATA.oneHotLabels(type));
        for (int epoch = 0; epoch < 30; epoch++) {
            net.fit(all);
        }
        return net;
    }

    private static INDArray x() {
        return DATA.features(DataType.DOUBLE);
    }

    private static INDArray y() {
        return DATA.oneHotLabels(DataType.DOUBLE);
    }

    @Test
    void theInferenceCopyPredictsWhatTheTrainedNetworkPredictsForEveryHead() {
        for (HeadSpec head : List.of(HeadSpec.linear(true), new HeadSpec(HeadType.MLP, List.of(16), true, false),
                new HeadSpec(HeadType.COSINE, List.of(), true, true))) {
            MultiLayerNetwork net = trained(head, 0.7, DataType.DOUBLE);
            INDArray expected = net.output(x(), false);
            INDArray copied = InputGradient.of(net).output(x());
            assertThat(Transforms.abs(expected.sub(copied)).maxNumber().doubleValue()).as(head.toString()).isLessThan(1e-9);
        }
    }

    @Test
    void anUpdatedCopyFollowsTheNetworkAsItTrains() {
        MultiLayerNetwork net = trained(new HeadSpec(HeadType.MLP, List.of(16), true, false), 1.0, DataType.FLOAT);
        InputGradient copy = InputGradient.of(net);
        DataSet all = new DataSet(DATA.features(DataType.FLOAT), DATA.oneHotLabels(DataType.FLOAT));
        for (int i = 0; i < 5; i++) {
            net.fit(all);
        }
        INDArray now = net.output(DATA.features(DataType.FLOAT), false).castTo(DataType.DOUBLE);
        assertThat(Transforms.abs(now.sub(copy.output(x()))).maxNumber().doubleValue()).isGreaterThan(1e-4);
        copy.update(net);
        assertThat(Transforms.abs(now.sub(copy.output(x()))).maxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void theInputGradientOfALinearHeadMatchesAFiniteDifference() {
        MultiLayerNetwork net = trained(HeadSpec.linear(true), 0.5, DataType.DOUBLE);
        InputGradient model = InputGradient.of(net);
        INDArray x = x().getRows(0, 1, 2, 3, 4);
        INDArray y = y().getRows(0, 1, 2, 3, 4);
        INDArray analytic = model.gradient(x, y);
        double h = 1e-6;
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < DATA.width(); c++) {
                INDArray plus = x.dup();
                plus.putScalar(r, c, x.getDouble(r, c) + h);
                INDArray minus = x.dup();
                minus.putScalar(r, c, x.getDouble(r, c) - h);
                // the trained network's own inference-mode loss, summed over the rows
                double numeric = 5 * (net.score(new DataSet(plus, y), false) - net.score(new DataSet(minus, y), false)) / (2 * h);
                double a = analytic.getDouble(r, c);
                assertThat(Math.abs(a - numeric)).as("row %d column %d: %g vs %g", r, c, a, numeric)
                        .isLessThanOrEqualTo(1e-4 * Math.max(Math.abs(numeric), 1e-6));
            }
        }
    }

    @Test
    void attacksStayInTheBallAndTheBoxAndOrderAsPgdFgsmClean() {
        MultiLayerNetwork net = trained(new HeadSpec(HeadType.MLP, List.of(16), true, false), 1.0, DataType.FLOAT);
        InputGradient model = InputGradient.of(net);
        InputRange range = InputRange.of(x());
        INDArray x = x();
        INDArray y = y();
        double epsilon = 0.3;
        RobustnessSettings.Pgd pgd = new RobustnessSettings.Pgd(epsilon, 0.1, 10, true);
        for (INDArray adversarial : List.of(new FastGradientSign(epsilon).perturb(model, x, y, range),
                new ProjectedGradientDescent(pgd, 3).perturb(model, x, y, range))) {
            assertThat(Transforms.abs(adversarial.sub(x)).maxNumber().doubleValue()).isLessThanOrEqualTo(epsilon + 1e-12);
            INDArray below = adversarial.sub(range.lower().castTo(DataType.DOUBLE).broadcast(x.shape()));
            INDArray above = range.upper().castTo(DataType.DOUBLE).broadcast(x.shape()).sub(adversarial);
            assertThat(below.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(above.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        }
        RobustnessSettings settings = new RobustnessSettings(0.5, epsilon, pgd, 600, 1, 0.5, null);
        double[] acc = RobustnessEvaluation.accuracies(model, x, y, range, settings);
        double clean = fraction(model.correct(x, y));
        assertThat(acc[2]).isLessThanOrEqualTo(acc[1]);
        assertThat(acc[1]).isLessThanOrEqualTo(clean);
        // the attacks do something on this model: PGD at ε = 0.3 costs accuracy
        assertThat(acc[2]).isLessThan(clean - 0.05);

        RobustnessSettings zero = new RobustnessSettings(0, 0, new RobustnessSettings.Pgd(0, 0.1, 5, true), 600, 1, 0.5, null);
        assertThat(RobustnessEvaluation.accuracies(model, x, y, range, zero)).containsExactly(clean, clean, clean);
    }

    private static double fraction(boolean[] ok) {
        int c = 0;
        for (boolean b : ok) {
            c += b ? 1 : 0;
        }
        return (double) c / ok.length;
    }
}
