package org.tstar.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a cosine classifier layer: logit_c = cos(x, w_c), with the feature row and each class weight
 * column L2-normalized in the forward pass and no bias; its activation (a {@link TemperatureScale}) then divides
 * by T.
 *
 * <p>Hand-written rather than a SameDiff layer: in DL4J 1.0.0-M2.1 a {@code SameDiffLayer}'s parameter gradients
 * come out exactly twice the finite-difference gradient (even for a bare matrix product), so it fails gradient
 * checks. The backprop here is in {@link CosineSimilarity}.
 */
public final class CosineSimilarityLayer extends FeedForwardLayer {
    private static final long serialVersionUID = 1L;

    /** For Jackson. */
    private CosineSimilarityLayer() {
    }

    private CosineSimilarityLayer(Builder builder) {
        super(builder);
        initializeConstraints(builder);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType networkDataType) {
        return LayerInstance.wired(new CosineSimilarity(conf, networkDataType), conf, initializer(), listeners, layerIndex,
                paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return WeightsOnly.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, CosineSimilarityLayer.class, inputType, outputType)
                .standardMemory(params, getIUpdater().stateSize(params))
                .workingMemory(0, inputType.arrayElementsPerExample(), 0,
                        2 * inputType.arrayElementsPerExample() + outputType.arrayElementsPerExample())
                .cacheMemory(MemoryReport.CACHE_MODE_ALL_ZEROS, MemoryReport.CACHE_MODE_ALL_ZEROS)
                .build();
    }

    /** The standard weight initializer with the bias left out. */
    static final class WeightsOnly extends DefaultParamInitializer {
        static final WeightsOnly INSTANCE = new WeightsOnly();

        @Override
        protected boolean hasBias(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return false;
        }
    }

    /** Builds the layer; nIn may be left for the network's input type to set. */
    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        public Builder(long nOut, IActivation activation) {
            nOut(nOut);
            activation(activation);
        }

        @Override
        @SuppressWarnings("unchecked")
        public CosineSimilarityLayer build() {
            return new CosineSimilarityLayer(this);
        }
    }
}
