package org.tstar.model;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The rows of each minibatch of one trial, gathered into a features and a labels array allocated once per batch
 * size (the last batch of an epoch may be smaller) instead of two fresh native buffers per batch: a trial's profile
 * showed a third of its native time in allocation. The arrays are overwritten by the next batch of the same size,
 * so a caller that keeps a batch past the next one must copy it.
 */
final class MinibatchRows {
    private final INDArray features;
    private final INDArray labels;
    private final Map<Integer, INDArray[]> bySize = new HashMap<>();

    MinibatchRows(INDArray features, INDArray labels) {
        this.features = features;
        this.labels = labels;
    }

    /** Features and labels of {@code rows}, in that order: {x, y}. */
    INDArray[] gather(int[] rows) {
        INDArray[] batch = bySize.computeIfAbsent(rows.length, n -> new INDArray[] {
                Nd4j.createUninitialized(features.dataType(), n, features.columns()),
                Nd4j.createUninitialized(labels.dataType(), n, labels.columns())});
        Nd4j.pullRows(features, batch[0], 1, rows);
        Nd4j.pullRows(labels, batch[1], 1, rows);
        return batch;
    }
}
