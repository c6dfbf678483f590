package org.tstar.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the BatchNormalization layer tstar's heads put before the output layer: DL4J's own
 * {@link BatchNormalization} configuration (parameters, defaults, updaters, JSON), trained by
 * {@link DenseBatchNormalization}, which computes the same normalization of dense activations with fewer and
 * cheaper native operations.
 */
public final class DenseBatchNormalizationLayer extends BatchNormalization {
    private static final long serialVersionUID = 1L;

    /** For Jackson: DL4J's defaults (decay 0.9, ε 1e-5). */
    public DenseBatchNormalizationLayer() {
    }

    /** A layer normalizing {@code width} features; nIn is set from the network's input type. */
    public DenseBatchNormalizationLayer(long width) {
        setNOut(width);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerInstance.wired(new DenseBatchNormalization(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }

    @Override
    public DenseBatchNormalizationLayer clone() {
        return (DenseBatchNormalizationLayer) super.clone();
    }
}
