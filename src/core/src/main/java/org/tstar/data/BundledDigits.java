package org.tstar.data;

/**
 * The UCI optical recognition of handwritten digits set (8×8 images, 1,797 × 64, 10 classes, CC BY 4.0), shipped
 * inside the jar so the main job runs with nothing fetched.
 */
public final class BundledDigits {
    static final String RESOURCE = "/org/tstar/data/optdigits.csv";

    private BundledDigits() {
    }

    public static FeatureSet load() {
        return CsvFeatureLoader.loadResource(RESOURCE, "digit", "digits");
    }
}
