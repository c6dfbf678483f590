package org.tstar.estimate;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tstar.InvalidInputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The coefficients of T̂* = clip(α√M + β + γ·ln csg + δ·ln C, [minTemperature, maxTemperature]) with their
 * provenance. Two sets ship by name: {@code paper} (Hasegawa &amp; Sakai's α, β; γ = δ = 0) and {@code fitted}
 * (refitted by {@code tstar fit} on tstar's own grid reports); any other set is a YAML file of the same form.
 */
public record TemperatureCoefficients(String name, double alpha, double beta, double gamma, double delta,
                                      double minTemperature, double maxTemperature,
                                      CoefficientProvenance provenance) {
    private static final Set<String> KEYS = Set.of("name", "alpha", "beta", "gamma", "delta", "minTemperature",
            "maxTemperature", "provenance");
    private static final Set<String> PROVENANCE_KEYS = Set.of("source", "fittedOn", "date", "crossValidatedLogError");

    public TemperatureCoefficients {
        String where = "coefficients '" + name + "'";
        requireFinite(where, "alpha", alpha);
        requireFinite(where, "beta", beta);
        requireFinite(where, "gamma", gamma);
        requireFinite(where, "delta", delta);
        if (!(minTemperature > 0) || !(maxTemperature > minTemperature) || Double.isInfinite(maxTemperature)) {
            throw new InvalidInputException(where + ": need 0 < minTemperature < maxTemperature < ∞, got "
                    + minTemperature + " and " + maxTemperature);
        }
    }

    /** Loads {@code paper} or {@code fitted} by name, otherwise reads the argument as a YAML file path. */
    public static TemperatureCoefficients load(String nameOrFile) {
        if (nameOrFile.equals("paper") || nameOrFile.equals("fitted")) {
            String resource = "/org/tstar/estimate/" + nameOrFile + ".yaml";
            try (InputStream in = TemperatureCoefficients.class.getResourceAsStream(resource)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("missing bundled coefficients " + resource, e);
            }
        }
        Path file = Path.of(nameOrFile);
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such coefficients file (or use paper or fitted)");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    static TemperatureCoefficients parse(String text, String where) {
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw new InvalidInputException(where + ": not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new InvalidInputException(where + ": expected a mapping of alpha, beta, gamma, delta, …");
        }
        rejectUnknown(map, KEYS, where);
        Object rawProvenance = map.get("provenance");
        CoefficientProvenance provenance;
        if (rawProvenance == null) {
            provenance = new CoefficientProvenance(where, "unknown", "unknown", Double.NaN);
        } else if (rawProvenance instanceof Map<?, ?> p) {
            rejectUnknown(p, PROVENANCE_KEYS, where + ": provenance");
            provenance = new CoefficientProvenance(text(p, "source", where), text(p, "fittedOn", where),
                    text(p, "date", where), p.get("crossValidatedLogError") == null ? Double.NaN
                    : number(p, "crossValidatedLogError", where + ": provenance"));
        } else {
            throw new InvalidInputException(where + ": field 'provenance' must be a mapping");
        }
        String name = map.get("name") == null ? where : String.valueOf(map.get("name"));
        return new TemperatureCoefficients(name, number(map, "alpha", where), number(map, "beta", where),
                number(map, "gamma", where), number(map, "delta", where), number(map, "minTemperature", where),
                number(map, "maxTemperature", where), provenance);
    }

    /** The YAML form {@link #load} reads back. */
    public String toYaml() {
        return "name: " + name + "\n"
                + "alpha: " + alpha + "\n" + "beta: " + beta + "\n" + "gamma: " + gamma + "\n" + "delta: " + delta + "\n"
                + "minTemperature: " + minTemperature + "\n" + "maxTemperature: " + maxTemperature + "\n"
                + "provenance:\n"
                + "  source: \"" + provenance.source().replace("\"", "'") + "\"\n"
                + "  fittedOn: \"" + provenance.fittedOn().replace("\"", "'") + "\"\n"
                + "  date: \"" + provenance.date() + "\"\n"
                + (provenance.hasCrossValidatedError()
                ? "  crossValidatedLogError: " + provenance.crossValidatedLogError() + "\n" : "");
    }

    private static void rejectUnknown(Map<?, ?> map, Set<String> allowed, String where) {
        Set<String> unknown = new TreeSet<>();
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(where + ": unknown field '" + unknown.iterator().next() + "' (allowed: "
                    + String.join(", ", new TreeSet<>(allowed)) + ")");
        }
    }

    private static double number(Map<?, ?> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            throw new InvalidInputException(where + ": missing field '" + key + "'");
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new InvalidInputException(where + ": field '" + key + "' is '" + value + "', not a number");
    }

    private static String text(Map<?, ?> map, String key, String where) {
        Object value = map.get(key);
        return value == null ? "unknown" : String.valueOf(value);
    }

    private static void requireFinite(String where, String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(where + ": field '" + field + "' must be finite, got " + value);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
