package org.tstar.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.InvalidInputException;

class LoadersTest {
    @TempDir
    Path dir;

    @Test
    void bundledDigitsHaveTheDocumentedShapeAndClassCounts() {
        FeatureSet digits = BundledDigits.load();
        assertThat(digits.rows()).isEqualTo(1797);
        assertThat(digits.width()).isEqualTo(64);
        assertThat(digits.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(digits.classCounts()).containsExactly(178, 182, 177, 183, 181, 182, 181, 179, 174, 180);
        assertThat(digits.value(0, 2)).isEqualTo(5f);
        assertThat(digits.label(1)).isEqualTo(1);
    }

    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.putInt(magic);
        for (int d : dims) {
            buffer.putInt(d);
        }
        buffer.put(data);
        return buffer.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    @Test
    void idxRoundTripRawAndGzipped() throws IOException {
        byte[] pixels = new byte[4 * 2 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 10);
        }
        byte[] labels = {3, 1, 3, 0};
        Files.write(dir.resolve("img"), idx(0x803, new int[] {4, 2, 3}, pixels));
        Files.write(dir.resolve("lab"), idx(0x801, new int[] {4}, labels));
        Files.write(dir.resolve("img.gz"), gzip(idx(0x803, new int[] {4, 2, 3}, pixels)));
        Files.write(dir.resolve("lab.gz"), gzip(idx(0x801, new int[] {4}, labels)));
        for (String suffix : new String[] {"", ".gz"}) {
            FeatureSet set = IdxLoader.load(dir.resolve("img" + suffix), dir.resolve("lab" + suffix));
            assertThat(set.rows()).isEqualTo(4);
            assertThat(set.width()).isEqualTo(6);
            assertThat(set.value(1, 2)).isEqualTo((8 * 10) / 255f);
            assertThat(set.value(3, 5)).isEqualTo((23 * 10 & 0xFF) / 255f);
            assertThat(set.classNames()).containsExactly("0", "1", "3");
            assertThat(new int[] {set.label(0), set.label(1), set.label(2), set.label(3)}).containsExactly(2, 1, 2, 0);
        }
    }

    @Test
    void idxWhoseHeaderDisagreesWithItsSizeIsRefused() throws IOException {
        Files.write(dir.resolve("img"), idx(0x803, new int[] {5, 2, 3}, new byte[24]));
        Files.write(dir.resolve("lab"), idx(0x801, new int[] {5}, new byte[5]));
        assertThatThrownBy(() -> IdxLoader.load(dir.resolve("img"), dir.resolve("lab")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(dir.resolve("img").toString()).hasMessageContaining("30 bytes")
                .hasMessageContaining("24");
    }

    @Test
    void csvWithANamedLabelColumn() throws IOException {
        Path csv = dir.resolve("flowers.csv");
        Files.writeString(csv, "a,b,species,c\n1,2,setosa,3\n4,5,virginica,6\n7,8,setosa,9\n");
        FeatureSet set = CsvFeatureLoader.load(csv, "species");
        assertThat(set.width()).isEqualTo(3);
        assertThat(set.rows()).isEqualTo(3);
        assertThat(set.row(1)).containsExactly(4f, 5f, 6f);
        assertThat(set.classNames()).containsExactly("setosa", "virginica");
        assertThat(set.label(1)).isEqualTo(1);
        assertThat(set.name()).isEqualTo("flowers");
    }

    @Test
    void numericLabelsAreOrderedNumerically() throws IOException {
        Path csv = dir.resolve("n.csv");
        Files.writeString(csv, "x,label\n1,10\n2,2\n3,10\n");
        assertThat(CsvFeatureLoader.load(csv, "label").classNames()).containsExactly("2", "10");
    }

    @Test
    void splitIsStratifiedDisjointAndSeeded() {
        FeatureSet digits = BundledDigits.load();
        StratifiedSplit splitter = new StratifiedSplit(0.6, 0.2, 0.2, 9);
        DataSplit split = splitter.split(digits);
        int[] all = digits.classCounts();
        int[][] parts = {split.train().classCounts(), split.validation().classCounts(), split.test().classCounts()};
        double[] shares = {0.6, 0.2, 0.2};
        for (int c = 0; c < all.length; c++) {
            for (int p = 0; p < 3; p++) {
                assertThat((double) parts[p][c]).as("class %d part %d", c, p).isCloseTo(all[c] * shares[p],
                        org.assertj.core.data.Offset.offset(1.0));
            }
            assertThat(parts[0][c] + parts[1][c] + parts[2][c]).isEqualTo(all[c]);
        }
        DataSplit again = splitter.split(digits);
        assertThat(again.test().row(7)).containsExactly(split.test().row(7));
        assertThat(again.train().row(100)).containsExactly(split.train().row(100));
        DataSplit other = new StratifiedSplit(0.6, 0.2, 0.2, 10).split(digits);
        assertThat(other.train().row(0)).isNotEqualTo(split.train().row(0));
    }

    @Test
    void aClassTooSmallForTheSplitIsNamed() throws IOException {
        Path csv = dir.resolve("small.csv");
        StringBuilder text = new StringBuilder("x,label\n");
        for (int i = 0; i < 20; i++) {
            text.append(i).append(",big\n");
        }
        text.append("1,rare\n2,rare\n");
        Files.writeString(csv, text);
        FeatureSet set = CsvFeatureLoader.load(csv, "label");
        assertThatThrownBy(() -> StratifiedSplit.standard().split(set)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'rare' has 2 samples");
    }

    @Test
    void standardizationUsesTrainingStatisticsOnly() {
        DataSplit split = StratifiedSplit.standard().split(BundledDigits.load()).standardized();
        FeatureSet train = split.train();
        for (int column : new int[] {10, 36}) {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < train.rows(); i++) {
                sum += train.value(i, column);
                squares += train.value(i, column) * train.value(i, column);
            }
            assertThat(sum / train.rows()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(squares / train.rows()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
        }
        // Column 0 is constant zero in the digits: it stays finite (scale 1) instead of turning into NaN.
        assertThat(train.value(0, 0)).isEqualTo(0f);
    }

    @Test
    void syntheticMixtureIsBalancedAndSeeded() {
        FeatureSet a = new GaussianMixture(300, 5, 3, 2.0, 4).generate();
        FeatureSet b = new GaussianMixture(300, 5, 3, 2.0, 4).generate();
        assertThat(a.classCounts()).containsExactly(100, 100, 100);
        assertThat(a.row(17)).containsExactly(b.row(17));
        assertThat(DataSource.parse("synthetic:n=300,dim=5,classes=3,sep=2.0,seed=4").spec())
                .isEqualTo("synthetic:n=300,dim=5,classes=3,sep=2.0,seed=4");
    }

    @Test
    void pcaFindsTheDirectionOfLargestVariance() {
        java.util.Random random = new java.util.Random(1);
        int n = 2000;
        float[] values = new float[n * 3];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double big = random.nextGaussian() * 5;
            values[i * 3] = (float) (big / Math.sqrt(2));
            values[i * 3 + 1] = (float) (big / Math.sqrt(2));
            values[i * 3 + 2] = (float) (random.nextGaussian() * 0.5);
            labels[i] = i % 2;
        }
        FeatureSet set = new FeatureSet("planted", n, 3, values, labels, java.util.List.of("a", "b"));
        PrincipalComponents pca = PrincipalComponents.fit(set, 1, 0);
        double[] first = pca.components()[0];
        assertThat(Math.abs(first[0])).isCloseTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(0.02));
        assertThat(Math.abs(first[1])).isCloseTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(0.02));
        assertThat(Math.abs(first[2])).isLessThan(0.05);
        assertThat(pca.explainedVariance()[0]).isCloseTo(25, org.assertj.core.data.Offset.offset(2.0));
        assertThat(pca.project(set).width()).isEqualTo(1);
    }

    /**
     * All 64 components of the digits (whose border pixels are constant) are orthonormal, carry their eigenvalue
     * (C·v = λ·v) and have their largest loading positive: ND4J's LAPACK returned non-orthonormal vectors under
     * OpenBLAS's SkylakeX kernels, so the decomposition is Java's and its sign fixed, the same on every CPU.
     */
    @Test
    void principalComponentsAreOrthonormalEigenvectorsWithAFixedSign() {
        FeatureSet set = StratifiedSplit.standard().split(BundledDigits.load()).standardized().train();
        int width = set.width();
        PrincipalComponents pca = PrincipalComponents.fit(set, width, 0);
        double[][] v = pca.components();
        double[] mean = pca.mean();
        double[][] covariance = new double[width][width];
        double[] row = new double[width];
        for (int i = 0; i < set.rows(); i++) {
            set.copyRow(i, row);
            for (int a = 0; a < width; a++) {
                for (int b = 0; b < width; b++) {
                    covariance[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / set.rows();
                }
            }
        }
        int constant = 0;
        for (int a = 0; a < width; a++) {
            constant += covariance[a][a] == 0 ? 1 : 0;
        }
        assertThat(constant).as("constant pixels in the digits").isPositive();
        for (int k = 0; k < width; k++) {
            int largest = 0;
            for (int j = 0; j < width; j++) {
                largest = Math.abs(v[k][j]) > Math.abs(v[k][largest]) ? j : largest;
                double cv = 0;
                for (int b = 0; b < width; b++) {
                    cv += covariance[j][b] * v[k][b];
                }
                assertThat(cv).as("(C v_%d)_%d", k, j).isCloseTo(pca.explainedVariance()[k] * v[k][j],
                        org.assertj.core.data.Offset.offset(1e-9));
            }
            assertThat(v[k][largest]).as("largest loading of component %d", k).isPositive();
            for (int l = 0; l < width; l++) {
                double dot = 0;
                for (int j = 0; j < width; j++) {
                    dot += v[k][j] * v[l][j];
                }
                assertThat(dot).as("v_%d · v_%d", k, l).isCloseTo(k == l ? 1 : 0, org.assertj.core.data.Offset.offset(1e-9));
            }
            if (k > 0) {
                assertThat(pca.explainedVariance()[k]).isLessThanOrEqualTo(pca.explainedVariance()[k - 1]);
            }
        }
    }

    @Test
    void randomReluFeaturesHaveTheRequestedWidthAndAreSeeded() {
        DataSplit split = StratifiedSplit.standard().split(BundledDigits.load()).standardized();
        DataSplit a = new RandomReluFeatures(256, 3).apply(split);
        DataSplit b = new RandomReluFeatures(256, 3).apply(split);
        assertThat(a.width()).isEqualTo(256);
        assertThat(a.test().row(5)).containsExactly(b.test().row(5));
        float min = Float.MAX_VALUE;
        for (float v : a.train().row(0)) {
            min = Math.min(min, v);
        }
        assertThat(min).isGreaterThanOrEqualTo(0f);
    }
}
