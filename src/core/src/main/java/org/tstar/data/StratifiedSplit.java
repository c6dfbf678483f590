package org.tstar.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tstar.InvalidInputException;

/**
 * A seeded, stratified train/validation/test split: every class is divided in the requested proportions (within
 * one sample), and the same seed always gives the same rows in the same order.
 */
public record StratifiedSplit(double trainFraction, double validationFraction, double testFraction, long seed) {

    public StratifiedSplit {
        double[] parts = {trainFraction, validationFraction, testFraction};
        String[] names = {"train", "validation", "test"};
        for (int i = 0; i < 3; i++) {
            if (!(parts[i] > 0 && parts[i] < 1)) {
                throw new InvalidInputException("split: " + names[i] + " fraction must be in (0, 1), got " + parts[i]);
            }
        }
        double sum = trainFraction + validationFraction + testFraction;
        if (Math.abs(sum - 1.0) > 1e-6) {
            throw new InvalidInputException("split: fractions must sum to 1, got " + trainFraction + " + "
                    + validationFraction + " + " + testFraction + " = " + sum);
        }
    }

    /** The split tstar uses when a space file gives none: 60 / 20 / 20, seed 42. */
    public static StratifiedSplit standard() {
        return new StratifiedSplit(0.6, 0.2, 0.2, 42);
    }

    /**
     * Splits {@code pool} into train and validation in this split's train : validation ratio and keeps
     * {@code test} as the test part (an official test set such as MNIST's is never trained on).
     */
    public DataSplit splitWithFixedTest(FeatureSet pool, FeatureSet test) {
        double validationShare = validationFraction / (trainFraction + validationFraction);
        DataSplit inner = divide(pool, validationShare, 0);
        return new DataSplit(inner.train(), inner.validation(), test);
    }

    /**
     * @throws InvalidInputException if a class is too small to put one sample in each part
     */
    public DataSplit split(FeatureSet set) {
        return divide(set, validationFraction, testFraction);
    }

    /** Divides each class in the given shares; a test share of 0 makes no test part. */
    private DataSplit divide(FeatureSet set, double validationShare, double testShare) {
        boolean withTest = testShare > 0;
        int[] order = SeededPermutation.of(set.rows(), new Random(seed));
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < set.classCount(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int index : order) {
            byClass.get(set.label(index)).add(index);
        }
        boolean[] inValidation = new boolean[set.rows()];
        boolean[] inTest = new boolean[set.rows()];
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> members = byClass.get(c);
            int n = members.size();
            int nValidation = (int) Math.round(n * validationShare);
            int nTest = (int) Math.round(n * testShare);
            if (nValidation < 1 || (withTest && nTest < 1) || n - nValidation - nTest < 1) {
                throw new InvalidInputException(set.name() + ": class '" + set.classNames().get(c) + "' has " + n
                        + " samples, too few for a " + trainFraction + "/" + validationFraction + "/" + testFraction
                        + " split (each part needs at least one)");
            }
            for (int k = 0; k < nValidation; k++) {
                inValidation[members.get(k)] = true;
            }
            for (int k = nValidation; k < nValidation + nTest; k++) {
                inTest[members.get(k)] = true;
            }
        }
        return new DataSplit(part(set, order, i -> !inValidation[i] && !inTest[i], "train"),
                part(set, order, i -> inValidation[i], "validation"),
                withTest ? part(set, order, i -> inTest[i], "test") : null);
    }

    private static FeatureSet part(FeatureSet set, int[] order, java.util.function.IntPredicate member, String part) {
        int[] indices = java.util.Arrays.stream(order).filter(member).toArray();
        return set.select(indices, set.name() + "/" + part);
    }
}
