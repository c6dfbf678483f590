package org.tstar.data;

/**
 * A transformation of the input features to a chosen width M, applied to a whole split; anything it fits, it
 * fits on the training part only.
 */
public interface FeatureMap {
    DataSplit apply(DataSplit split);

    /** The width M of the features it produces. */
    int width();
}
