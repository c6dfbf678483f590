package org.tstar.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The running cosine classifier layer: forward z = (x/‖x‖)·(W/‖W‖_col), backward through both normalizations.
 *
 * <p>With u = x/a, a = √(‖x‖² + ε), the derivative of u is (I − u uᵀ)/a, so dL/dx = (g − (g·u) u)/a for
 * g = dL/du; the same holds per column of W. ε keeps an all-zero row (a dead ReLU layer) finite.
 */
final class CosineSimilarity extends BaseLayer<CosineSimilarityLayer> {
    static final double NORM_EPSILON = 1e-12;
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;

    CosineSimilarity(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private record Normalized(INDArray u, INDArray rowNorms, INDArray v, INDArray columnNorms) {
    }

    private Normalized normalize() {
        INDArray x = input.castTo(dataType);
        INDArray weights = getParam(W);
        INDArray rowNorms = Transforms.sqrt(x.mul(x).sum(true, 1).addi(NORM_EPSILON), false);
        INDArray columnNorms = Transforms.sqrt(weights.mul(weights).sum(true, 0).addi(NORM_EPSILON), false);
        return new Normalized(x.divColumnVector(rowNorms), rowNorms, weights.divRowVector(columnNorms), columnNorms);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        Normalized n = normalize();
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, input.size(0), n.v.size(1));
        n.u.mmuli(n.v, z);
        return new Pair<>(z, z);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        Normalized n = normalize();

        INDArray gradU = delta.mmul(n.v.transpose());
        INDArray gradX = gradU.sub(n.u.mulColumnVector(gradU.mul(n.u).sum(true, 1))).diviColumnVector(n.rowNorms);
        INDArray gradV = n.u.transpose().mmul(delta);
        INDArray gradW = gradV.sub(n.v.mulRowVector(gradV.mul(n.v).sum(true, 0))).diviRowVector(n.columnNorms);

        INDArray weightGradient = gradientViews.get(W);
        weightGradient.assign(gradW);
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(W, weightGradient);
        INDArray epsilonNext = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, gradX);
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }
}
