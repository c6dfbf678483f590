package org.tstar.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tstar.InvalidInputException;

/**
 * Where a task's data comes from, parsed from a SPEC string: {@code digits},
 * {@code idx:TRAIN_IMAGES,TRAIN_LABELS[,TEST_IMAGES,TEST_LABELS]}, {@code csv:PATH[#label=COLUMN]} or
 * {@code synthetic:n=…,dim=…,classes=…,sep=…,seed=…}.
 */
public sealed interface DataSource {

    /** Loads the data and divides it into train, validation and test parts. */
    default DataSplit load(StratifiedSplit split) {
        return split.split(loadAll());
    }

    /** All rows the source offers for training (for IDX with test files: the training files only). */
    FeatureSet loadAll();

    /** The SPEC string this source was parsed from, in canonical form. */
    String spec();

    static DataSource parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidInputException("data spec: empty (expected digits, idx:…, csv:… or synthetic:…)");
        }
        String trimmed = spec.trim();
        if (trimmed.equals("digits")) {
            return new Digits();
        }
        int colon = trimmed.indexOf(':');
        String kind = colon < 0 ? trimmed : trimmed.substring(0, colon);
        String rest = colon < 0 ? "" : trimmed.substring(colon + 1);
        return switch (kind) {
            case "idx" -> Idx.parse(rest);
            case "csv" -> Csv.parse(rest);
            case "synthetic" -> Synthetic.parse(rest);
            default -> throw new InvalidInputException("data spec '" + trimmed
                    + "': unknown source '" + kind + "' (expected digits, idx:…, csv:… or synthetic:…)");
        };
    }

    /** The bundled UCI optical digits. */
    record Digits() implements DataSource {
        @Override
        public FeatureSet loadAll() {
            return BundledDigits.load();
        }

        @Override
        public String spec() {
            return "digits";
        }
    }

    /** MNIST-format files; when test files are given they are the test part and are never trained on. */
    record Idx(Path trainImages, Path trainLabels, Path testImages, Path testLabels) implements DataSource {
        static Idx parse(String rest) {
            String[] parts = rest.split(",", -1);
            if (parts.length != 2 && parts.length != 4 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
                throw new InvalidInputException("data spec 'idx:" + rest
                        + "': expected idx:TRAIN_IMAGES,TRAIN_LABELS[,TEST_IMAGES,TEST_LABELS]");
            }
            return parts.length == 2 ? new Idx(Path.of(parts[0]), Path.of(parts[1]), null, null)
                    : new Idx(Path.of(parts[0]), Path.of(parts[1]), Path.of(parts[2]), Path.of(parts[3]));
        }

        @Override
        public FeatureSet loadAll() {
            return IdxLoader.load(trainImages, trainLabels);
        }

        @Override
        public DataSplit load(StratifiedSplit split) {
            FeatureSet train = loadAll();
            if (testImages == null) {
                return split.split(train);
            }
            FeatureSet test = IdxLoader.load(testImages, testLabels);
            if (test.width() != train.width()) {
                throw new InvalidInputException(testImages + ": images have " + test.width() + " pixels, the training"
                        + " images " + train.width());
            }
            return split.splitWithFixedTest(train, test);
        }

        @Override
        public String spec() {
            return "idx:" + trainImages + "," + trainLabels
                    + (testImages == null ? "" : "," + testImages + "," + testLabels);
        }
    }

    /** A CSV file with a header; the label column defaults to {@code label}. */
    record Csv(Path file, String labelColumn) implements DataSource {
        static Csv parse(String rest) {
            int hash = rest.indexOf('#');
            String path = hash < 0 ? rest : rest.substring(0, hash);
            String label = "label";
            if (hash >= 0) {
                String option = rest.substring(hash + 1);
                if (!option.startsWith("label=") || option.length() == "label=".length()) {
                    throw new InvalidInputException("data spec 'csv:" + rest + "': expected csv:PATH[#label=COLUMN]");
                }
                label = option.substring("label=".length());
            }
            if (path.isBlank()) {
                throw new InvalidInputException("data spec 'csv:" + rest + "': no file path");
            }
            return new Csv(Path.of(path), label);
        }

        @Override
        public FeatureSet loadAll() {
            return CsvFeatureLoader.load(file, labelColumn);
        }

        @Override
        public String spec() {
            return "csv:" + file + "#label=" + labelColumn;
        }
    }

    /** A generated Gaussian mixture. */
    record Synthetic(GaussianMixture mixture) implements DataSource {
        private static final Set<String> KEYS = Set.of("n", "dim", "classes", "sep", "seed");

        static Synthetic parse(String rest) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String pair : rest.split(",")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
                if (eq < 0 || !KEYS.contains(key)) {
                    throw new InvalidInputException("data spec 'synthetic:" + rest + "': unknown or malformed field '"
                            + pair + "' (expected n=…,dim=…,classes=…,sep=…,seed=…)");
                }
                values.put(key, pair.substring(eq + 1).trim());
            }
            for (String key : KEYS) {
                if (!values.containsKey(key)) {
                    throw new InvalidInputException("data spec 'synthetic:" + rest + "': missing field '" + key + "'");
                }
            }
            return new Synthetic(new GaussianMixture(integer(values, "n", rest), integer(values, "dim", rest),
                    integer(values, "classes", rest), decimal(values, "sep", rest), integer(values, "seed", rest)));
        }

        private static int integer(Map<String, String> values, String key, String rest) {
            try {
                return Integer.parseInt(values.get(key));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("data spec 'synthetic:" + rest + "': " + key + "='" + values.get(key)
                        + "' is not a whole number");
            }
        }

        private static double decimal(Map<String, String> values, String key, String rest) {
            try {
                return Double.parseDouble(values.get(key));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("data spec 'synthetic:" + rest + "': " + key + "='" + values.get(key)
                        + "' is not a number");
            }
        }

        @Override
        public FeatureSet loadAll() {
            return mixture.generate();
        }

        @Override
        public String spec() {
            return "synthetic:n=" + mixture.samples() + ",dim=" + mixture.dim() + ",classes=" + mixture.classes()
                    + ",sep=" + mixture.separation() + ",seed=" + mixture.seed();
        }
    }
}
