package org.tstar.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tstar.data.DataSplit;
import org.tstar.robustness.InputRange;

/**
 * A data split converted once into the ND4J matrices every trial trains and evaluates on, so a search over many
 * temperatures converts its data a single time and all trials share it (read-only). The input box attacks and
 * noise stay inside is the training part's, so it is computed here once too.
 */
public record PreparedSplit(DataSplit split, INDArray trainFeatures, INDArray trainLabels,
                            INDArray validationFeatures, INDArray validationLabels, INDArray testFeatures,
                            INDArray testLabels, InputRange inputRange) {

    public static PreparedSplit of(DataSplit split) {
        INDArray train = split.train().features(DataType.FLOAT);
        return new PreparedSplit(split, train, split.train().oneHotLabels(DataType.FLOAT),
                split.validation().features(DataType.FLOAT), split.validation().oneHotLabels(DataType.FLOAT),
                split.test().features(DataType.FLOAT), split.test().oneHotLabels(DataType.FLOAT), InputRange.of(train));
    }

    public int inputWidth() {
        return split.width();
    }

    public int classCount() {
        return split.classCount();
    }

    public int trainRows() {
        return (int) trainFeatures.rows();
    }
}
