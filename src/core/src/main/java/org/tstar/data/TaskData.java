package org.tstar.data;

import org.tstar.InvalidInputException;

/**
 * How a task's data is made ready for a head: load from a source, split, standardize on the training part, and
 * optionally map to a chosen width M (then standardize again, so the head always sees unit-scale inputs).
 */
public record TaskData(DataSource source, StratifiedSplit split, FeatureMap featureMap) {

    public DataSplit prepare() {
        DataSplit prepared = source.load(split).standardized();
        return featureMap == null ? prepared : featureMap.apply(prepared).standardized();
    }

    /** Parses {@code relu:WIDTH} or {@code pca:WIDTH}; null or blank means no map. */
    public static FeatureMap parseFeatureMap(String text, long seed, String where) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.split(":", 2);
        int width = -1;
        try {
            width = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : -1;
        } catch (NumberFormatException ignored) {
            // reported below with the whole value
        }
        if (width < 1) {
            throw new InvalidInputException(where + ": '" + text + "' is not relu:WIDTH or pca:WIDTH with WIDTH ≥ 1");
        }
        return featureMap(parts[0].trim(), width, seed, where);
    }

    /** A feature map by type name ({@code relu} or {@code pca}). */
    public static FeatureMap featureMap(String type, int width, long seed, String where) {
        return switch (type) {
            case "relu" -> new RandomReluFeatures(width, seed);
            case "pca" -> new PcaFeatures(width, seed);
            default -> throw new InvalidInputException(where + ": unknown feature map '" + type + "' (relu or pca)");
        };
    }
}
