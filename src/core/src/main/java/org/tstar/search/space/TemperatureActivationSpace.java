package org.tstar.search.space;

import java.io.Serializable;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.adapter.ParameterSpaceAdapter;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.tstar.model.TemperatureScale;

/**
 * Puts a {@link TemperatureSpace} into a user's Arbiter layer space: each candidate's T becomes the layer's
 * {@link TemperatureScale} activation ({@code DenseLayerSpace.Builder().nOut(C).activationFn(this)}, followed by a
 * {@code LossLayerSpace} with MCXENT and softmax).
 */
public final class TemperatureActivationSpace extends ParameterSpaceAdapter<Double, IActivation> implements Serializable {
    private static final long serialVersionUID = 1L;

    @JsonProperty("temperature")
    private final TemperatureSpace temperature;

    @JsonCreator
    public TemperatureActivationSpace(@JsonProperty("temperature") TemperatureSpace temperature) {
        this.temperature = Objects.requireNonNull(temperature, "temperature");
    }

    public TemperatureSpace temperatureSpace() {
        return temperature;
    }

    @Override
    protected IActivation convertValue(Double from) {
        return new TemperatureScale(from);
    }

    @Override
    protected ParameterSpace<Double> underlying() {
        return temperature;
    }

    @Override
    protected String underlyingName() {
        return "temperature";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemperatureActivationSpace other && temperature.equals(other.temperature);
    }

    @Override
    public int hashCode() {
        return temperature.hashCode();
    }
}
