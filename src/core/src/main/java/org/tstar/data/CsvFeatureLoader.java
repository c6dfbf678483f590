package org.tstar.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.tstar.InputFile;
import org.tstar.InvalidInputException;

/**
 * Loads a feature set from a CSV file with a header row: one named column holds the class label, every other
 * column must be a finite number.
 *
 * <p>Labels that are all integers are ordered numerically ("2" before "10"); otherwise lexicographically, so
 * the label → index mapping never depends on row order.
 */
public final class CsvFeatureLoader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).setTrim(true).get();

    /** Feature columns a CSV may have: a random-ReLU map to 1,024 features of this width is 256 MiB of weights. */
    static final int MAX_COLUMNS = 65_536;
    /** Feature values a CSV may hold: 2^28 floats are 1 GiB, beside the file's own limit of InputFile.DATA_LIMIT. */
    static final long MAX_VALUES = 1L << 28;

    private CsvFeatureLoader() {
    }

    public static FeatureSet load(Path file, String labelColumn) {
        InputFile.check(file, InputFile.DATA_LIMIT, file + ": no such file");
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString(), labelColumn, dataName(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    /** Loads a CSV shipped inside the jar. */
    static FeatureSet loadResource(String resource, String labelColumn, String name) {
        InputStream in = CsvFeatureLoader.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing bundled resource " + resource);
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(reader, resource, labelColumn, name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled resource " + resource, e);
        }
    }

    private static FeatureSet parse(Reader reader, String where, String labelColumn, String name) throws IOException {
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            List<String> header = parser.getHeaderNames();
            int labelIndex = header.indexOf(labelColumn);
            if (labelIndex < 0) {
                throw new InvalidInputException(where + ": no label column '" + labelColumn + "' (columns: "
                        + abbreviate(header) + ")");
            }
            int width = header.size() - 1;
            if (width > MAX_COLUMNS) {
                throw new InvalidInputException(where + ": " + width + " feature columns, more than the " + MAX_COLUMNS
                        + " tstar takes (reduce the width before training a head on it)");
            }
            if (width < 1) {
                throw new InvalidInputException(where + ": no feature columns besides the label '" + labelColumn + "'");
            }
            FloatBuffer values = new FloatBuffer();
            List<String> rawLabels = new ArrayList<>();
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    throw new InvalidInputException(where + ": line " + line + " has " + record.size()
                            + " columns, the header has " + header.size());
                }
                for (int j = 0; j < record.size(); j++) {
                    if (j == labelIndex) {
                        continue;
                    }
                    values.add(number(record.get(j), where, line, header.get(j)));
                }
                rawLabels.add(record.get(labelIndex));
                if ((long) rawLabels.size() * width > MAX_VALUES) {
                    throw new InvalidInputException(where + ": more than " + MAX_VALUES + " feature values (line " + line
                            + "); tstar holds a data set in memory");
                }
            }
            if (rawLabels.isEmpty()) {
                throw new InvalidInputException(where + ": no data rows");
            }
            return withLabels(name, width, values.toArray(), rawLabels, where);
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new InvalidInputException(where + ": not a valid CSV file (" + InvalidInputException.firstLine(e.getMessage(), "unreadable") + ")");
        }
    }

    private static float number(String text, String where, long line, String column) {
        float value;
        try {
            value = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(where + ": line " + line + ", column '" + column + "': '" + text
                    + "' is not a number");
        }
        if (!Float.isFinite(value)) {
            throw new InvalidInputException(where + ": line " + line + ", column '" + column + "': " + text
                    + " is not finite");
        }
        return value;
    }

    /** Maps raw label strings to class indices in a row-order-independent order. */
    static FeatureSet withLabels(String name, int width, float[] values, List<String> rawLabels, String where) {
        boolean allIntegers = rawLabels.stream().allMatch(s -> s.matches("-?\\d{1,9}"));
        Map<String, Integer> index = new TreeMap<>(allIntegers
                ? (a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))
                : String::compareTo);
        rawLabels.forEach(s -> index.put(s, 0));
        if (index.size() < 2) {
            throw new InvalidInputException(where + ": needs at least 2 classes, found " + index.size());
        }
        List<String> classNames = new ArrayList<>(index.keySet());
        for (int i = 0; i < classNames.size(); i++) {
            index.put(classNames.get(i), i);
        }
        int[] labels = rawLabels.stream().mapToInt(index::get).toArray();
        return new FeatureSet(name, labels.length, width, values, labels, classNames);
    }

    static String dataName(Path file) {
        String base = file.getFileName().toString();
        int dot = base.indexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static String abbreviate(List<String> header) {
        return header.size() <= 6 ? String.join(", ", header)
                : String.join(", ", header.subList(0, 5)) + ", … " + header.get(header.size() - 1);
    }


    /** A growable float array: a CSV's row count is not known before it is read. */
    static final class FloatBuffer {
        private float[] data = new float[1024];
        private int size;

        void add(float v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
