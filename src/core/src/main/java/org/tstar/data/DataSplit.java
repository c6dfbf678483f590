package org.tstar.data;

/**
 * The train, validation and test parts of one feature set: trials train on {@code train}, the search scores on
 * {@code validation}, and only the chosen temperature's {@code test} accuracy is reported as accuracy reached.
 */
public record DataSplit(FeatureSet train, FeatureSet validation, FeatureSet test) implements java.io.Serializable {

    /** Standardizes all three parts with statistics fitted on the training part only. */
    public DataSplit standardized() {
        Standardization standardization = Standardization.fit(train);
        return new DataSplit(standardization.apply(train), standardization.apply(validation),
                standardization.apply(test));
    }

    public int classCount() {
        return train.classCount();
    }

    public int width() {
        return train.width();
    }
}
