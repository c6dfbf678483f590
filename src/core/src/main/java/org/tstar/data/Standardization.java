package org.tstar.data;

/**
 * Per-column shift and scale fitted on training features and applied unchanged to validation and test, so that
 * no statistic of the held-out parts leaks into training.
 *
 * <p>A constant column (the corner pixels of the digits) keeps scale 1: dividing by a zero deviation would turn
 * it into NaN, and the column carries no information either way.
 */
public record Standardization(double[] mean, double[] scale) {

    public static Standardization fit(FeatureSet set) {
        int width = set.width();
        double[] mean = new double[width];
        double[] sumSquares = new double[width];
        // Welford's update keeps the variance exact for large, offset columns.
        for (int i = 0; i < set.rows(); i++) {
            for (int j = 0; j < width; j++) {
                double x = set.value(i, j);
                double delta = x - mean[j];
                mean[j] += delta / (i + 1);
                sumSquares[j] += delta * (x - mean[j]);
            }
        }
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            double sd = Math.sqrt(sumSquares[j] / set.rows());
            scale[j] = sd > 1e-12 ? sd : 1.0;
        }
        return new Standardization(mean, scale);
    }

    public FeatureSet apply(FeatureSet set) {
        int width = set.width();
        float[] out = new float[set.rows() * width];
        for (int i = 0; i < set.rows(); i++) {
            for (int j = 0; j < width; j++) {
                out[i * width + j] = (float) ((set.value(i, j) - mean[j]) / scale[j]);
            }
        }
        return set.withFeatures(width, out, set.name());
    }
}
