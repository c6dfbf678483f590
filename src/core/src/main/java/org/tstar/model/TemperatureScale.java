package org.tstar.model;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.tstar.InvalidInputException;

/**
 * The softmax temperature as a DL4J activation: z → z / T forward, ε → ε / T backward.
 *
 * <p>It sits on the layer before a {@code LossLayer(MCXENT, SOFTMAX)} rather than replacing the softmax:
 * {@code LossMCXENT} uses its numerically stable fused gradient only for the built-in softmax, so a custom
 * softmax(z/T) produces NaN at small T. At T = 1 both directions are exact identities, so a head with this
 * activation trains bit-identically to one without it.
 */
public final class TemperatureScale extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("temperature")
    private final double temperature;

    @JsonCreator
    public TemperatureScale(@JsonProperty("temperature") double temperature) {
        this.temperature = requireValid(temperature);
    }

    /**
     * Temperatures tstar trains at: beyond these the logits z/T overflow float or become constant, and a run
     * would "complete" with NaN or chance-level trials.
     */
    public static final double MIN_TEMPERATURE = 1e-4;
    public static final double MAX_TEMPERATURE = 1e4;

    /** @throws InvalidInputException unless T is in [{@link #MIN_TEMPERATURE}, {@link #MAX_TEMPERATURE}] */
    public static double requireValid(double temperature) {
        if (!(temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE)) {
            throw new InvalidInputException("temperature must be in [" + MIN_TEMPERATURE + ", " + MAX_TEMPERATURE
                    + "], got " + temperature);
        }
        return temperature;
    }

    public double temperature() {
        return temperature;
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.divi(temperature);
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(epsilon.div(temperature), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemperatureScale other && Double.compare(temperature, other.temperature) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(temperature);
    }

    @Override
    public String toString() {
        return "temperature(" + temperature + ")";
    }
}
