package org.tstar.search.sampler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A bracket's temperatures without a prior: drawn log-uniformly from [{@code min}, {@code max}] with {@code seed},
 * no second wave (what plain successive halving and Hyperband do).
 */
public record LogUniformBracketStart(double min, double max, long seed) implements BracketStart {

    @Override
    public List<Double> firstWave(int n) {
        Random random = new Random(seed);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min))));
        }
        return out.stream().distinct().toList();
    }

    @Override
    public List<Double> secondWave(List<double[]> scored, int n) {
        return List.of();
    }

    @Override
    public boolean placesSecondWave() {
        return false;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "log-uniform in [%s, %s], seed %d", min, max, seed);
    }
}
