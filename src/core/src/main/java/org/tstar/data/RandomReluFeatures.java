package org.tstar.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.tstar.InvalidInputException;

/**
 * A fixed random-ReLU projection x → max(0, Wx + b) with W ~ N(0, 1/d) and b ~ N(0, 1), seeded: real inputs at a
 * controlled feature width M, with nothing fitted.
 */
public record RandomReluFeatures(int width, long seed) implements FeatureMap {

    public RandomReluFeatures {
        if (width < 1) {
            throw new InvalidInputException("featureMap: dim must be ≥ 1, got " + width);
        }
    }

    @Override
    public DataSplit apply(DataSplit split) {
        int inputWidth = split.width();
        INDArray weights = Nd4j.randn(seed, new long[] {inputWidth, width}).castTo(DataType.FLOAT)
                .muli(1.0 / Math.sqrt(inputWidth));
        INDArray bias = Nd4j.randn(seed + 1, new long[] {1, width}).castTo(DataType.FLOAT);
        return new DataSplit(map(split.train(), weights, bias), map(split.validation(), weights, bias),
                map(split.test(), weights, bias));
    }

    private FeatureSet map(FeatureSet set, INDArray weights, INDArray bias) {
        INDArray projected = set.features(DataType.FLOAT).mmul(weights).addiRowVector(bias);
        float[] out = Transforms.relu(projected, false).dup('c').data().asFloat();
        return set.withFeatures(width, out, set.name() + "/relu" + width);
    }
}
