package org.tstar.data;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tstar.InvalidInputException;

/**
 * An immutable labelled feature matrix (n rows × M features, one integer class label per row) that every
 * estimator and trainer in tstar consumes.
 *
 * <p>Values are held row-major in one float array so that MNIST-size sets (60,000 × 784) stay compact; the
 * constructor takes ownership of the arrays it is given, and nothing hands them out again, which keeps the set
 * immutable without copying 200 MB on every access.
 */
public final class FeatureSet implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int rows;
    private final int width;
    private final float[] values;
    private final int[] labels;
    private final List<String> classNames;

    /**
     * @throws InvalidInputException if shapes disagree, a value is NaN or infinite, or a label is out of range
     */
    public FeatureSet(String name, int rows, int width, float[] values, int[] labels, List<String> classNames) {
        if (rows < 1 || width < 1) {
            throw new InvalidInputException(name + ": a feature set needs at least one row and one column, got "
                    + rows + " × " + width);
        }
        if ((long) rows * width != values.length || labels.length != rows) {
            throw new InvalidInputException(name + ": " + values.length + " values and " + labels.length
                    + " labels do not make a " + rows + " × " + width + " set");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new InvalidInputException(name + ": row " + (i / width) + ", column " + (i % width)
                        + " is " + values[i] + " (features must be finite)");
            }
        }
        for (int i = 0; i < rows; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new InvalidInputException(name + ": row " + i + " has label " + labels[i]
                        + ", outside the " + classNames.size() + " classes");
            }
        }
        this.name = name;
        this.rows = rows;
        this.width = width;
        this.values = values;
        this.labels = labels;
        this.classNames = List.copyOf(classNames);
    }

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    /** The feature width M. */
    public int width() {
        return width;
    }

    public int classCount() {
        return classNames.size();
    }

    public List<String> classNames() {
        return classNames;
    }

    public float value(int row, int column) {
        return values[row * width + column];
    }

    public int label(int row) {
        return labels[row];
    }

    /** A copy of one row's features. */
    public float[] row(int row) {
        return Arrays.copyOfRange(values, row * width, (row + 1) * width);
    }

    /** Copies row {@code row} into {@code target} (length ≥ width) without allocating. */
    public void copyRow(int row, double[] target) {
        int base = row * width;
        for (int j = 0; j < width; j++) {
            target[j] = values[base + j];
        }
    }

    /** Number of rows of each class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[classCount()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The rows at {@code indices}, in that order, as a new set with the given name. */
    public FeatureSet select(int[] indices, String newName) {
        float[] out = new float[indices.length * width];
        int[] outLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * width, out, i * width, width);
            outLabels[i] = labels[indices[i]];
        }
        return new FeatureSet(newName, indices.length, width, out, outLabels, classNames);
    }

    /** A set with the same labels and new features (for feature maps and standardization). */
    public FeatureSet withFeatures(int newWidth, float[] newValues, String newName) {
        return new FeatureSet(newName, rows, newWidth, newValues, labels.clone(), classNames);
    }

    /** The features as an n × M matrix of the given type. */
    public INDArray features(DataType type) {
        INDArray matrix = Nd4j.create(values, new long[] {rows, width}, 'c');
        return type == DataType.FLOAT ? matrix : matrix.castTo(type);
    }

    /** One-hot labels as an n × C matrix of the given type. */
    public INDArray oneHotLabels(DataType type) {
        INDArray out = Nd4j.zeros(type, rows, classCount());
        for (int i = 0; i < rows; i++) {
            out.putScalar(i, labels[i], 1.0);
        }
        return out;
    }

    @Override
    public String toString() {
        return name + " (" + rows + " × " + width + ", " + classCount() + " classes)";
    }
}
