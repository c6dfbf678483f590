package org.tstar.robustness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The box a perturbed input must stay in: per feature, the smallest and largest value seen in the training
 * split (for standardized pixels, the standardized 0 and 1), so an attack or noise never produces an input the
 * data could not contain.
 */
public record InputRange(INDArray lower, INDArray upper) {

    public static InputRange of(INDArray trainFeatures) {
        return new InputRange(trainFeatures.min(0).reshape(1, trainFeatures.columns()),
                trainFeatures.max(0).reshape(1, trainFeatures.columns()));
    }

    /** {@code x} clipped into the box, row by row (a new array). */
    public INDArray clip(INDArray x) {
        INDArray low = lower.castTo(x.dataType());
        INDArray high = upper.castTo(x.dataType());
        return Transforms.min(Transforms.max(x, low.broadcast(x.shape()), true), high.broadcast(x.shape()), false);
    }

    /** {@code x} clipped into the L∞ ball of radius ε around {@code center} and then into the box (a new array). */
    public INDArray project(INDArray x, INDArray center, double epsilon) {
        INDArray inBall = Transforms.min(Transforms.max(x, center.sub(epsilon), true), center.add(epsilon), false);
        return clip(inBall);
    }

    static INDArray zerosLike(INDArray x) {
        return Nd4j.zeros(x.dataType(), x.shape());
    }
}
