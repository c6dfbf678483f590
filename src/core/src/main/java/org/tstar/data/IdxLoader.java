package org.tstar.data;

import org.tstar.InputFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.tstar.InvalidInputException;

/**
 * Reads labelled images in the IDX format of MNIST (unsigned-byte images and labels, gzipped or raw) into a
 * feature set with pixels scaled to [0, 1].
 */
public final class IdxLoader {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxLoader() {
    }

    /** Loads an images file and its labels file as one set. */
    public static FeatureSet load(Path images, Path labels) {
        Tensor imageTensor = read(images);
        Tensor labelTensor = read(labels);
        if (imageTensor.dims.length < 2) {
            throw new InvalidInputException(images + ": an images file needs at least 2 dimensions, header has "
                    + imageTensor.dims.length);
        }
        if (labelTensor.dims.length != 1) {
            throw new InvalidInputException(labels + ": a labels file has 1 dimension, header has "
                    + labelTensor.dims.length);
        }
        int n = imageTensor.dims[0];
        if (labelTensor.dims[0] != n) {
            throw new InvalidInputException(labels + ": " + labelTensor.dims[0] + " labels for " + n + " images in "
                    + images);
        }
        int width = imageTensor.data.length / Math.max(1, n);
        float[] values = new float[imageTensor.data.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (imageTensor.data[i] & 0xFF) / 255f;
        }
        List<String> raw = new ArrayList<>(n);
        for (byte b : labelTensor.data) {
            raw.add(Integer.toString(b & 0xFF));
        }
        return CsvFeatureLoader.withLabels(CsvFeatureLoader.dataName(images), width, values, raw, labels.toString());
    }

    private record Tensor(int[] dims, byte[] data) {
    }

    private static Tensor read(Path file) {
        byte[] bytes;
        try {
            bytes = decompressIfGzip(file, InputFile.readAllBytes(file, InputFile.DATA_LIMIT, file + ": no such file"));
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot decompress (" + e.getMessage() + ")");
        }
        if (bytes.length < 4) {
            throw new InvalidInputException(file + ": too short for an IDX header (" + bytes.length + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int magic = buffer.getInt();
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1 || rank > 4) {
            throw new InvalidInputException(file + ": header magic 0x" + String.format("%08x", magic)
                    + " is not an unsigned-byte IDX file (expected 0x00000801..0x00000804)");
        }
        if (bytes.length < 4 + 4 * rank) {
            throw new InvalidInputException(file + ": header promises " + rank + " dimensions but the file has "
                    + bytes.length + " bytes");
        }
        int[] dims = new int[rank];
        long expected = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = buffer.getInt();
            if (dims[i] < 1) {
                throw new InvalidInputException(file + ": dimension " + i + " in the header is " + dims[i]);
            }
            expected *= dims[i];
        }
        long actual = bytes.length - 4L - 4L * rank;
        if (actual != expected) {
            throw new InvalidInputException(file + ": header says " + java.util.Arrays.toString(dims) + " = "
                    + expected + " bytes of data, the file holds " + actual);
        }
        byte[] data = new byte[(int) actual];
        buffer.get(data);
        return new Tensor(dims, data);
    }

    private static byte[] decompressIfGzip(Path file, byte[] bytes) throws IOException {
        if (bytes.length < 2 || (bytes[0] & 0xFF) != 0x1f || (bytes[1] & 0xFF) != 0x8b) {
            return bytes;
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(new java.io.ByteArrayInputStream(bytes)))) {
            // a gzip bomb must not take the heap: read one byte past the limit to know it was crossed
            byte[] out = in.readNBytes((int) InputFile.DATA_LIMIT + 1);
            if (out.length > InputFile.DATA_LIMIT) {
                throw new InvalidInputException(file + ": decompresses to more than the " + InputFile.DATA_LIMIT
                        + " bytes tstar reads from a data file");
            }
            return out;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new InvalidInputException(file + ": corrupt gzip data (" + e.getMessage() + ")");
        }
    }
}
