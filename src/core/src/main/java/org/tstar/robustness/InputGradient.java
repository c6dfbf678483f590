package org.tstar.robustness;

import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The gradient of a trained network's loss with respect to its input, as the network predicts (inference mode),
 * from DL4J's own backpropagation ({@code MultiLayerNetwork.calculateGradients}).
 *
 * <p>DL4J back-propagates only through a training-mode forward pass, where BatchNormalization normalizes with the
 * minibatch's statistics, not the running ones the trained network predicts with. So the network is copied with
 * every BatchNormalization replaced by the affine map it computes at inference, x ↦ γ(x − μ)/σ + β, as a dense
 * identity-activation layer; the copy's training-mode pass is then exactly the original's inference. The copy is
 * in double precision: in single precision a confident softmax at a small temperature rounds p − y to zero and
 * the gradient vanishes, which would make small temperatures look robust when the attack merely saw no slope.
 */
public final class InputGradient {
    private final MultiLayerNetwork folded;
    private final MultiLayerConfiguration original;

    private InputGradient(MultiLayerNetwork folded, MultiLayerConfiguration original) {
        this.folded = folded;
        this.original = original;
    }

    public static InputGradient of(MultiLayerNetwork trained) {
        MultiLayerConfiguration original = trained.getLayerWiseConfigurations();
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).updater(new NoOp()).list();
        int n = original.getConfs().size();
        for (int i = 0; i < n; i++) {
            Layer layer = original.getConf(i).getLayer();
            if (layer instanceof BatchNormalization bn) {
                layers.layer(new DenseLayer.Builder().nIn(bn.getNOut()).nOut(bn.getNOut()).activation(Activation.IDENTITY).build());
            } else {
                layers.layer(layer.clone());
            }
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(layers
                .setInputType(InputType.feedForward(trained.layerInputSize(0))).build());
        copy.init();
        InputGradient gradient = new InputGradient(copy, original);
        gradient.update(trained);
        return gradient;
    }

    /**
     * Copies the trained network's current parameters into this copy, in place: adversarial training attacks the
     * network as it is at every minibatch, and rebuilding the copy each time would allocate a network per batch.
     */
    public InputGradient update(MultiLayerNetwork trained) {
        for (int i = 0; i < original.getConfs().size(); i++) {
            org.deeplearning4j.nn.api.Layer from = trained.getLayer(i);
            org.deeplearning4j.nn.api.Layer to = folded.getLayer(i);
            if (original.getConf(i).getLayer() instanceof BatchNormalization bn) {
                foldBatchNormalization(from.paramTable(), bn, to);
            } else {
                for (Map.Entry<String, INDArray> p : from.paramTable().entrySet()) {
                    to.getParam(p.getKey()).assign(p.getValue().castTo(DataType.DOUBLE));
                }
            }
        }
        return this;
    }

    private static void foldBatchNormalization(Map<String, INDArray> params, BatchNormalization bn,
                                               org.deeplearning4j.nn.api.Layer dense) {
        int width = (int) bn.getNOut();
        INDArray gamma = row(params, BatchNormalizationParamInitializer.GAMMA, width);
        INDArray beta = row(params, BatchNormalizationParamInitializer.BETA, width);
        INDArray mean = row(params, BatchNormalizationParamInitializer.GLOBAL_MEAN, width);
        INDArray variance = params.containsKey(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)
                // kept as log10 of the running standard deviation (DL4J's default); 10^(2·l) is the variance
                ? Transforms.exp(row(params, BatchNormalizationParamInitializer.GLOBAL_LOG_STD, width).mul(2 * Math.log(10)), false)
                : row(params, BatchNormalizationParamInitializer.GLOBAL_VAR, width);
        // inference divides by sqrt(variance + eps) in both storage modes (the copy matches to 1e-9, tested)
        INDArray scale = gamma.div(Transforms.sqrt(variance.add(bn.getEps()), false));
        dense.getParam("W").assign(Nd4j.diag(scale.reshape(width)));
        dense.getParam("b").assign(beta.sub(scale.mul(mean)).reshape(dense.getParam("b").shape()));
    }

    private static INDArray row(Map<String, INDArray> params, String key, int width) {
        return params.get(key).castTo(DataType.DOUBLE).reshape(1, width);
    }

    /**
     * Per row, the gradient of that row's loss with respect to that row's input (DL4J back-propagates the summed
     * loss; its updater, not the loss, divides by the minibatch).
     */
    public INDArray gradient(INDArray features, INDArray labels) {
        return folded.calculateGradients(features.castTo(DataType.DOUBLE), labels.castTo(DataType.DOUBLE), null, null)
                .getSecond();
    }

    /** The class probabilities the trained network predicts (the copy reproduces them). */
    public INDArray output(INDArray features) {
        return folded.output(features.castTo(DataType.DOUBLE), false);
    }

    /** The summed loss over the rows, which {@link #gradient} is the gradient of (finite-difference checks). */
    public double loss(INDArray features, INDArray labels) {
        return features.rows() * folded.score(new DataSet(features.castTo(DataType.DOUBLE), labels.castTo(DataType.DOUBLE)), false);
    }

    /** Per row: whether the prediction is the label. */
    public boolean[] correct(INDArray features, INDArray labels) {
        INDArray predicted = output(features).argMax(1);
        INDArray actual = labels.argMax(1);
        boolean[] ok = new boolean[(int) features.rows()];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = predicted.getLong(i) == actual.getLong(i);
        }
        return ok;
    }
}
