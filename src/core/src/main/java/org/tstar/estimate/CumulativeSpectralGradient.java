package org.tstar.estimate;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.tstar.InvalidInputException;
import org.tstar.data.FeatureSet;
import org.tstar.data.PrincipalComponents;
import org.tstar.data.SeededPermutation;

/**
 * The cumulative spectral gradient (Branchaud-Charron et al., CVPR 2019): a training-free measure of how hard a
 * labelled feature set is to classify, from the spectrum of a class-similarity graph built on k-nearest-neighbour
 * class estimates. Larger means harder (classes overlap more).
 *
 * <p>Steps: project to {@code projectionDims} principal components (the Parzen box volume is a product over
 * dimensions and under/overflows in high dimension); per class take min(m, n_c) seeded samples; for each, its k
 * nearest neighbours among all n points (itself excluded) give class proportions p and a box volume
 * vol = max(1e-4, Π_d 2·max_nb |x_nb,d − x_d|); S[c] = normalized Σ p / vol; W = 1 − BrayCurtis(S_i, S_j);
 * L = D − W ignoring W's diagonal; CSG = Σ_i max_{j≤i} (λ_{j+1} − λ_j)/(K − j + 1) over the ascending spectrum.
 *
 * <p>Cost: neighbours are found by an exact scan, O(Q·n·d) for Q = Σ_c min(m, n_c) ≤ m·K queries, so linear in
 * n; with m = 250, K = 10, d = 4 that is 10⁴·n distance terms (0.6·10⁹ on MNIST's 60,000 rows). The PCA fit is
 * capped at {@link PrincipalComponents#FIT_ROW_CAP} rows.
 */
public record CumulativeSpectralGradient(int samplesPerClass, int neighbours, int projectionDims, long seed) {
    static final double MIN_VOLUME = 1e-4;

    public CumulativeSpectralGradient {
        if (samplesPerClass < 1) {
            throw new InvalidInputException("csg: samples per class must be ≥ 1, got " + samplesPerClass);
        }
        if (neighbours < 1) {
            throw new InvalidInputException("csg: k must be ≥ 1, got " + neighbours);
        }
        if (projectionDims < 0) {
            throw new InvalidInputException("csg: projection dims must be ≥ 0 (0 = none), got " + projectionDims);
        }
    }

    /** m = 250 samples per class, k = 3, PCA to 4 dimensions, seed 0. */
    public static CumulativeSpectralGradient standard() {
        return new CumulativeSpectralGradient(250, 3, 4, 0);
    }

    /** The measure and the pieces it came from. */
    public record Result(double csg, double[] eigenvalues, double[][] similarity, int projectedDims, int queries) {
    }

    public Result compute(FeatureSet set) {
        int[] counts = set.classCounts();
        int classes = counts.length;
        for (int c = 0; c < classes; c++) {
            if (counts[c] < neighbours + 1) {
                throw new InvalidInputException(set.name() + ": class '" + set.classNames().get(c) + "' has "
                        + counts[c] + " samples; CSG with k = " + neighbours + " needs at least " + (neighbours + 1));
            }
        }
        FeatureSet projected = projectionDims > 0 && set.width() > projectionDims
                ? PrincipalComponents.fit(set, projectionDims, seed).project(set) : set;
        int n = projected.rows();
        int d = projected.width();
        double[] points = new double[n * d];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            projected.copyRow(i, row);
            System.arraycopy(row, 0, points, i * d, d);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = set.label(i);
        }
        int[][] samples = samplePerClass(labels, classes);
        double[][] s = new double[classes][classes];
        int queries = 0;
        int[] nearest = new int[neighbours];
        double[] nearestDistance = new double[neighbours];
        for (int c = 0; c < classes; c++) {
            for (int query : samples[c]) {
                findNearest(points, n, d, query, nearest, nearestDistance);
                double volume = 1;
                for (int dim = 0; dim < d; dim++) {
                    double extent = 0;
                    for (int nb : nearest) {
                        extent = Math.max(extent, Math.abs(points[nb * d + dim] - points[query * d + dim]));
                    }
                    volume *= 2 * extent;
                }
                volume = Math.max(MIN_VOLUME, volume);
                for (int nb : nearest) {
                    s[c][labels[nb]] += 1.0 / neighbours / volume;
                }
                queries++;
            }
            double total = Arrays.stream(s[c]).sum();
            for (int j = 0; j < classes; j++) {
                s[c][j] = total > 0 && Double.isFinite(s[c][j] / total) ? s[c][j] / total : 0;
            }
        }
        double[][] w = new double[classes][classes];
        for (int i = 0; i < classes; i++) {
            for (int j = 0; j < classes; j++) {
                w[i][j] = 1 - brayCurtis(s[i], s[j]);
            }
        }
        double[] eigenvalues = laplacianSpectrum(w);
        return new Result(fromSpectrum(eigenvalues), eigenvalues, w, d, queries);
    }

    /** CSG from an ascending spectrum: the cumulative maximum of the scaled gaps, summed. */
    static double fromSpectrum(double[] ascending) {
        int k = ascending.length;
        double sum = 0;
        double runningMax = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < k; i++) {
            double gap = (ascending[i] - ascending[i - 1]) / (k - i + 1);
            runningMax = Math.max(runningMax, gap);
            sum += runningMax;
        }
        return sum;
    }

    static double brayCurtis(double[] u, double[] v) {
        double difference = 0;
        double total = 0;
        for (int i = 0; i < u.length; i++) {
            difference += Math.abs(u[i] - v[i]);
            total += Math.abs(u[i] + v[i]);
        }
        return total > 0 ? difference / total : 0;
    }

    /** Ascending eigenvalues of L = D − W, where W's own diagonal takes no part. */
    static double[] laplacianSpectrum(double[][] w) {
        int k = w.length;
        double[][] laplacian = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j) {
                    laplacian[i][j] = -w[i][j];
                    laplacian[i][i] += w[i][j];
                }
            }
        }
        double[] values = new EigenDecomposition(new Array2DRowRealMatrix(laplacian, false)).getRealEigenvalues();
        Arrays.sort(values);
        return values;
    }

    private int[][] samplePerClass(int[] labels, int classes) {
        int[] order = SeededPermutation.of(labels.length, new Random(seed));
        int[][] out = new int[classes][];
        int[] taken = new int[classes];
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        for (int c = 0; c < classes; c++) {
            out[c] = new int[Math.min(samplesPerClass, counts[c])];
        }
        for (int index : order) {
            int c = labels[index];
            if (taken[c] < out[c].length) {
                out[c][taken[c]++] = index;
            }
        }
        return out;
    }

    /** The k nearest points to {@code query} by Euclidean distance, itself excluded; ties go to the lower index. */
    private void findNearest(double[] points, int n, int d, int query, int[] nearest, double[] distance) {
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        Arrays.fill(nearest, -1);
        double worst = Double.POSITIVE_INFINITY;
        int base = query * d;
        for (int i = 0; i < n; i++) {
            if (i == query) {
                continue;
            }
            double sum = 0;
            int offset = i * d;
            for (int dim = 0; dim < d && sum < worst; dim++) {
                double diff = points[offset + dim] - points[base + dim];
                sum += diff * diff;
            }
            if (sum < worst) {
                int slot = neighbours - 1;
                while (slot > 0 && distance[slot - 1] > sum) {
                    distance[slot] = distance[slot - 1];
                    nearest[slot] = nearest[slot - 1];
                    slot--;
                }
                distance[slot] = sum;
                nearest[slot] = i;
                worst = distance[neighbours - 1];
            }
        }
    }
}
