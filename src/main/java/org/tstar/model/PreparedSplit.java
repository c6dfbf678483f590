package org.tstar.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tstar.data.DataSplit;

/**
 * A data split converted once into the ND4J matrices every trial trains and evaluates on, so a search over many
 * temperatures converts its data a single time and all trials share it (read-only).
 */
public record PreparedSplit(DataSplit split, INDArray trainFeatures, INDArray trainLabels,
                            INDArray validationFeatures, INDArray validationLabels, INDArray testFeatures,
                            INDArray testLabels) {

    public static PreparedSplit of(DataSplit split) {
        return new PreparedSplit(split,
                split.train().features(DataType.FLOAT), split.train().oneHotLabels(DataType.FLOAT),
                split.validation().features(DataType.FLOAT), split.validation().oneHotLabels(DataType.FLOAT),
                split.test().features(DataType.FLOAT), split.test().oneHotLabels(DataType.FLOAT));
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
