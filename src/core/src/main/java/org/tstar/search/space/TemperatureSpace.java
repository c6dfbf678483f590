package org.tstar.search.space;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The softmax temperature as an Arbiter leaf: log-uniform on [min, max], so the flat coordinate u ∈ [0, 1] maps
 * to T = min·(max/min)^u and every generator (grid, random, analytical) works in log T.
 *
 * <p>Use it directly as the parameter space of tstar's own trial task creator, or inside a user's
 * {@code MultiLayerSpace} through {@link TemperatureActivationSpace} on the layer before the softmax loss.
 */
public final class TemperatureSpace implements ParameterSpace<Double>, Serializable {
    private static final long serialVersionUID = 1L;

    @JsonProperty("min")
    private final double min;
    @JsonProperty("max")
    private final double max;
    /** Position of this leaf in the candidate's flat vector, assigned by the generator (-1 until then). */
    @JsonProperty("index")
    private int index = -1;

    @JsonCreator
    public TemperatureSpace(@JsonProperty("min") double min, @JsonProperty("max") double max) {
        if (!(min > 0) || !(max > min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("temperature space needs 0 < min < max < ∞, got [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** T at flat coordinate u (clamped into [0, 1]); the bounds are returned exactly at u = 0 and u = 1. */
    public double temperature(double u) {
        if (u <= 0) {
            return min;
        }
        if (u >= 1) {
            return max;
        }
        return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
    }

    /**
     * T = e^{@code logTemperature}, clamped into the space: the bounds exactly at or beyond ln min and ln max, where a
     * search in ln T clips (e^(ln min) may differ from min in its last digit).
     */
    public double fromLog(double logTemperature) {
        if (logTemperature <= Math.log(min)) {
            return min;
        }
        if (logTemperature >= Math.log(max)) {
            return max;
        }
        return Math.exp(logTemperature);
    }

    /** The flat coordinate of T, i.e. the log-uniform CDF; T outside the space is clamped to its bounds. */
    public double coordinate(double temperature) {
        if (temperature <= min) {
            return 0;
        }
        if (temperature >= max) {
            return 1;
        }
        return (Math.log(temperature) - Math.log(min)) / (Math.log(max) - Math.log(min));
    }

    /** {@code n} log-spaced temperatures, both bounds included: what a grid of {@code n} points evaluates. */
    public double[] logGrid(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points, got " + n);
        }
        double[] grid = new double[n];
        for (int i = 0; i < n; i++) {
            grid[i] = temperature(i / (double) (n - 1));
        }
        return grid;
    }

    public int index() {
        return index;
    }

    @Override
    public Double getValue(double[] parameterValues) {
        if (index < 0) {
            throw new IllegalStateException("TemperatureSpace index has not been set (no candidate generator initialized it)");
        }
        return temperature(parameterValues[index]);
    }

    @Override
    public int numParameters() {
        return 1;
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return Collections.singletonList(this);
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Collections.emptyMap();
    }

    @Override
    public boolean isLeaf() {
        return true;
    }

    @Override
    public void setIndices(int... indices) {
        if (indices == null || indices.length != 1) {
            throw new IllegalArgumentException("TemperatureSpace has exactly one parameter, got indices "
                    + java.util.Arrays.toString(indices));
        }
        this.index = indices[0];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemperatureSpace other && Double.compare(min, other.min) == 0
                && Double.compare(max, other.max) == 0 && index == other.index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(min, max, index);
    }

    @Override
    public String toString() {
        return "TemperatureSpace(log-uniform [" + min + ", " + max + "])";
    }
}
