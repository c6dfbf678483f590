package org.tstar.estimate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;
import org.tstar.data.FeatureSet;
import org.tstar.data.SeededPermutation;

/**
 * The cheap dataset statistics of Chamand &amp; Risser-Maroix that the statistics heuristic regresses the
 * grid-optimal temperature on. With n rows x_i ∈ R^M, labels y_i among C classes, μ the mean, μ_c the class means:
 *
 * <ul>
 *   <li>{@code dim} = M; {@code nClasses} = C; {@code nSamples} = n; {@code samplesPerClass} = n / C;</li>
 *   <li>{@code mean} = mean of all n·M values; {@code variance} = mean over dimensions of the (population) variance;</li>
 *   <li>{@code intraClassTrace} = (1/n) Σ_i ‖x_i − μ_{y_i}‖² (trace of the pooled within-class covariance);</li>
 *   <li>{@code interClassTrace} = Σ_c (n_c/n) ‖μ_c − μ‖² (trace of the between-class covariance);</li>
 *   <li>{@code featsCorr} = (1/M²) Σ_jk (R_jk − I_jk)², R the correlation matrix (a constant dimension correlates 0);</li>
 *   <li>{@code meanCosine} = mean over dimension pairs j &lt; k of cos(X_·j, X_·k) on the raw columns;</li>
 *   <li>{@code pctDimsXX} = 100 · (fewest principal components explaining ≥ XX % of the variance) / M, XX ∈ {50, 75,
 *       80, 90, 95, 99};</li>
 *   <li>{@code kurtosis} = mean over non-constant dimensions of the excess kurtosis m4 / m2² − 3;</li>
 *   <li>{@code silhouette} = mean silhouette (b − a) / max(a, b) with the true labels, Euclidean, on a seeded sample
 *       of at most {@link #SILHOUETTE_CAP} rows (it is O(n²));</li>
 *   <li>{@code calinskiHarabasz} = [Σ_c n_c ‖μ_c − μ‖² / (C − 1)] / [Σ_i ‖x_i − μ_{y_i}‖² / (n − C)];</li>
 *   <li>{@code daviesBouldin} = (1/C) Σ_i max_{j≠i} (s_i + s_j) / ‖μ_i − μ_j‖, s_i the mean distance to μ_i.</li>
 * </ul>
 *
 * <p>Two passes over the data: the first for means, the second for moments, scatter and the Gram matrix XᵀX
 * (accumulated by ND4J in blocks), from which covariance, correlation and column cosines all follow.
 */
public record FeatureStatistics(Map<String, Double> values) {
    public static final int SILHOUETTE_CAP = 2000;
    static final int[] VARIANCE_LEVELS = {50, 75, 80, 90, 95, 99};
    private static final int BLOCK = 4096;

    public FeatureStatistics {
        values = Map.copyOf(values);
    }

    public double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no statistic '" + name + "' (have " + values.keySet() + ")");
        }
        return value;
    }

    public static FeatureStatistics compute(FeatureSet set, long seed) {
        int n = set.rows();
        int m = set.width();
        int classes = set.classCount();
        int[] counts = set.classCounts();
        double[] mean = new double[m];
        double[][] classMean = new double[classes][m];
        double[] row = new double[m];
        for (int i = 0; i < n; i++) {
            set.copyRow(i, row);
            double[] cm = classMean[set.label(i)];
            for (int j = 0; j < m; j++) {
                mean[j] += row[j];
                cm[j] += row[j];
            }
        }
        for (int j = 0; j < m; j++) {
            mean[j] /= n;
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < m; j++) {
                classMean[c][j] /= counts[c];
            }
        }

        double[] m2 = new double[m];
        double[] m4 = new double[m];
        double intraScatter = 0;
        double[] meanDistanceToCentroid = new double[classes];
        INDArray gram = Nd4j.zeros(DataType.DOUBLE, m, m);
        double[][] block = new double[Math.min(BLOCK, n)][];
        int inBlock = 0;
        for (int i = 0; i < n; i++) {
            set.copyRow(i, row);
            double[] cm = classMean[set.label(i)];
            double toCentroid = 0;
            for (int j = 0; j < m; j++) {
                double d = row[j] - mean[j];
                double d2 = d * d;
                m2[j] += d2;
                m4[j] += d2 * d2;
                double dc = row[j] - cm[j];
                toCentroid += dc * dc;
            }
            intraScatter += toCentroid;
            meanDistanceToCentroid[set.label(i)] += Math.sqrt(toCentroid);
            block[inBlock++] = row.clone();
            if (inBlock == block.length || i == n - 1) {
                INDArray x = Nd4j.create(inBlock == block.length ? block : java.util.Arrays.copyOf(block, inBlock));
                gram.addi(x.transpose().mmul(x));
                inBlock = 0;
            }
        }
        double variance = 0;
        double kurtosis = 0;
        int nonConstant = 0;
        for (int j = 0; j < m; j++) {
            double v = m2[j] / n;
            variance += v / m;
            if (v > 1e-12) {
                kurtosis += (m4[j] / n) / (v * v) - 3;
                nonConstant++;
            }
        }
        kurtosis = nonConstant > 0 ? kurtosis / nonConstant : 0;

        double interTrace = 0;
        double betweenScatter = 0;
        for (int c = 0; c < classes; c++) {
            double d2 = squaredDistance(classMean[c], mean);
            interTrace += (double) counts[c] / n * d2;
            betweenScatter += counts[c] * d2;
            meanDistanceToCentroid[c] /= counts[c];
        }

        double[][] covariance = new double[m][m];
        double featsCorr = 0;
        double cosineSum = 0;
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < m; k++) {
                covariance[j][k] = gram.getDouble(j, k) / n - mean[j] * mean[k];
            }
        }
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < m; k++) {
                double sj = covariance[j][j];
                double sk = covariance[k][k];
                double r = j == k ? 1 : (sj > 1e-12 && sk > 1e-12 ? covariance[j][k] / Math.sqrt(sj * sk) : 0);
                double target = j == k ? 1 : 0;
                featsCorr += (r - target) * (r - target);
                if (k > j) {
                    double nj = gram.getDouble(j, j);
                    double nk = gram.getDouble(k, k);
                    cosineSum += nj > 0 && nk > 0 ? gram.getDouble(j, k) / Math.sqrt(nj * nk) : 0;
                }
            }
        }
        featsCorr /= (double) m * m;
        double meanCosine = m > 1 ? cosineSum / (m * (m - 1) / 2.0) : 0;

        Map<String, Double> values = new LinkedHashMap<>();
        values.put("dim", (double) m);
        values.put("nClasses", (double) classes);
        values.put("nSamples", (double) n);
        values.put("samplesPerClass", (double) n / classes);
        values.put("mean", java.util.Arrays.stream(mean).sum() / m);
        values.put("variance", variance);
        values.put("intraClassTrace", intraScatter / n);
        values.put("interClassTrace", interTrace);
        values.put("featsCorr", featsCorr);
        values.put("meanCosine", meanCosine);
        double[] pct = explainedVarianceDims(covariance);
        for (int q = 0; q < VARIANCE_LEVELS.length; q++) {
            values.put("pctDims" + VARIANCE_LEVELS[q], pct[q]);
        }
        values.put("kurtosis", kurtosis);
        values.put("silhouette", silhouette(set, seed));
        values.put("calinskiHarabasz", classes > 1 && n > classes && intraScatter > 0
                ? (betweenScatter / (classes - 1)) / (intraScatter / (n - classes)) : 0);
        values.put("daviesBouldin", daviesBouldin(classMean, meanDistanceToCentroid));
        return new FeatureStatistics(values);
    }

    private static double[] explainedVarianceDims(double[][] covariance) {
        int m = covariance.length;
        INDArray matrix = Nd4j.create(covariance).dup('f');
        INDArray eigen = Eigen.symmetricGeneralizedEigenvalues(matrix, false);
        double[] descending = new double[m];
        double total = 0;
        for (int i = 0; i < m; i++) {
            descending[i] = Math.max(0, eigen.getDouble(m - 1 - i));
            total += descending[i];
        }
        double[] out = new double[VARIANCE_LEVELS.length];
        for (int q = 0; q < VARIANCE_LEVELS.length; q++) {
            double cumulative = 0;
            int needed = m;
            for (int i = 0; i < m; i++) {
                cumulative += descending[i];
                if (total > 0 && cumulative >= VARIANCE_LEVELS[q] / 100.0 * total - 1e-12 * total) {
                    needed = i + 1;
                    break;
                }
            }
            out[q] = 100.0 * needed / m;
        }
        return out;
    }

    private static double silhouette(FeatureSet set, long seed) {
        int n = set.rows();
        int[] sample = n <= SILHOUETTE_CAP ? java.util.stream.IntStream.range(0, n).toArray()
                : java.util.Arrays.copyOf(SeededPermutation.of(n, new Random(seed)), SILHOUETTE_CAP);
        int s = sample.length;
        int classes = set.classCount();
        double[][] rows = new double[s][set.width()];
        int[] labels = new int[s];
        int[] counts = new int[classes];
        for (int i = 0; i < s; i++) {
            set.copyRow(sample[i], rows[i]);
            labels[i] = set.label(sample[i]);
            counts[labels[i]]++;
        }
        double total = 0;
        double[] sums = new double[classes];
        for (int i = 0; i < s; i++) {
            java.util.Arrays.fill(sums, 0);
            for (int j = 0; j < s; j++) {
                if (j != i) {
                    sums[labels[j]] += Math.sqrt(squaredDistance(rows[i], rows[j]));
                }
            }
            int own = labels[i];
            if (counts[own] < 2) {
                continue; // a singleton's silhouette is 0 by convention
            }
            double a = sums[own] / (counts[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (c != own && counts[c] > 0) {
                    b = Math.min(b, sums[c] / counts[c]);
                }
            }
            double denominator = Math.max(a, b);
            total += denominator > 0 && Double.isFinite(b) ? (b - a) / denominator : 0;
        }
        return total / s;
    }

    private static double daviesBouldin(double[][] centroids, double[] spread) {
        int classes = centroids.length;
        double sum = 0;
        for (int i = 0; i < classes; i++) {
            double worst = 0;
            for (int j = 0; j < classes; j++) {
                if (j != i) {
                    double separation = Math.sqrt(squaredDistance(centroids[i], centroids[j]));
                    worst = Math.max(worst, separation > 0 ? (spread[i] + spread[j]) / separation
                            : Double.POSITIVE_INFINITY);
                }
            }
            sum += worst;
        }
        return sum / classes;
    }

    static double squaredDistance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
