package org.tstar.data;

import java.util.Random;

/** A Fisher–Yates permutation of 0..n−1 drawn from a given generator: the one shuffle every seeded order uses. */
public final class SeededPermutation {
    private SeededPermutation() {
    }

    public static int[] of(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
