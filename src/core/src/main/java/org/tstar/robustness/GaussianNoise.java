package org.tstar.robustness;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A common corruption: additive Gaussian noise of standard deviation σ, seeded, clipped to the input box. */
public record GaussianNoise(double sigma, long seed) {

    public INDArray corrupt(INDArray features, InputRange range) {
        INDArray clean = features.castTo(DataType.DOUBLE);
        Random random = new Random(seed);
        double[] noise = new double[(int) clean.length()];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = sigma * random.nextGaussian();
        }
        return range.clip(clean.add(Nd4j.create(noise, clean.shape(), clean.ordering())));
    }
}
