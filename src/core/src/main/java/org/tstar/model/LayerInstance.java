package org.tstar.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a tstar layer configuration hands DL4J its layer: the steps every {@code Layer#instantiate} of a
 * configuration takes (listeners, index, parameter view and table, configuration), in DL4J's order.
 */
final class LayerInstance {
    private LayerInstance() {
    }

    /** {@code layer}, wired to its network's listeners, position and slice of the parameter vector. */
    static Layer wired(Layer layer, NeuralNetConfiguration conf, ParamInitializer initializer,
                       Collection<TrainingListener> listeners, int layerIndex, INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
