package org.tstar.estimate;

import org.tstar.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.tstar.ConfigMap;
import org.tstar.InvalidInputException;
import org.tstar.SignificantDigits;

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

    /**
     * The set a head is estimated with: the named one, except that the bundled {@code paper} and {@code fitted} sets
     * model BN + linear logits, so a cosine head (cosine logits, bounded by 1) gets the bundled {@code cosine} set
     * instead (the bundled {@code prior} too: it was fitted on BN + linear and MLP heads); a set from a file is used
     * as given.
     */
    public static TemperatureCoefficients forHead(String nameOrFile, boolean cosineHead) {
        boolean linearLogits = nameOrFile.equals("paper") || nameOrFile.equals("fitted") || nameOrFile.equals("prior");
        return load(cosineHead && linearLogits ? "cosine" : nameOrFile);
    }

    /** Loads {@code paper}, {@code fitted} or {@code cosine} by name, otherwise reads the argument as a YAML file path. */
    public static TemperatureCoefficients load(String nameOrFile) {
        if (nameOrFile.equals("paper") || nameOrFile.equals("fitted") || nameOrFile.equals("cosine")) {
            String resource = "/org/tstar/estimate/" + nameOrFile + ".yaml";
            try (InputStream in = TemperatureCoefficients.class.getResourceAsStream(resource)) {
                return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("missing bundled coefficients " + resource, e);
            }
        }
        Path file = Path.of(nameOrFile);
        return parse(InputFile.readString(file, InputFile.CONFIG_LIMIT, file + ": no such coefficients file (or use paper or fitted)"),
                file.toString());
    }

    static TemperatureCoefficients parse(String text, String where) {
        ConfigMap map = ConfigMap.parse(text, where).allowOnly(KEYS);
        CoefficientProvenance provenance = CoefficientProvenance.read(map, where);
        return new TemperatureCoefficients(map.text("name", where), map.number("alpha"), map.number("beta"),
                map.number("gamma"), map.number("delta"), map.number("minTemperature"), map.number("maxTemperature"),
                provenance);
    }

    /** {@code t} within [minTemperature, maxTemperature]. */
    public double clip(double t) {
        return Math.min(maxTemperature, Math.max(minTemperature, t));
    }

    /** The YAML form {@link #load} reads back, each coefficient at {@link SignificantDigits#FITTED} digits. */
    public String toYaml() {
        return "name: " + name + "\n"
                + "alpha: " + fitted(alpha) + "\n" + "beta: " + fitted(beta) + "\n" + "gamma: " + fitted(gamma) + "\n"
                + "delta: " + fitted(delta) + "\n"
                + "minTemperature: " + minTemperature + "\n" + "maxTemperature: " + maxTemperature + "\n"
                + provenance.toYaml();
    }

    private static String fitted(double x) {
        return SignificantDigits.text(x, SignificantDigits.FITTED);
    }

    private static void requireFinite(String where, String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException(where + ": field '" + field + "' must be finite, got " + value);
        }
    }
}
