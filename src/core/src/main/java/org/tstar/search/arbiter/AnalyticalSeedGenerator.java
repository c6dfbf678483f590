package org.tstar.search.arbiter;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.generator.BaseCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonIgnore;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.tstar.search.sampler.SeededBracketSearch;
import org.tstar.search.space.TemperatureActivationSpace;
import org.tstar.search.space.TemperatureSpace;

/**
 * An Arbiter {@code CandidateGenerator} that starts at the training-free estimate T̂*, tries T̂*·r and T̂* ÷ r,
 * steps outward while the best result sits at an edge, then refines the bracket until it is within the
 * tolerance or the trial budget is spent (the rule itself is {@link SeededBracketSearch}).
 *
 * <p>The space may be a bare {@link TemperatureSpace} or any Arbiter space holding exactly one (for instance a
 * {@code MultiLayerSpace} whose output layer uses {@link TemperatureActivationSpace}); every other leaf is held
 * at a flat coordinate the caller gives, else its midpoint 0.5. It learns only from {@link #reportResults} and,
 * because Arbiter never reports failed candidates to a generator, from {@link #failureListener()} — register
 * that listener on the runner, or a failed candidate leaves the search waiting until the runner stops.
 * Deterministic: no random numbers are drawn ({@link #setRngSeed} has nothing to seed). The configuration
 * (not the progress) round-trips through Arbiter's JSON and YAML.
 */
@JsonIgnoreProperties({"rng", "candidateCounter", "search", "probeOfCandidate"})
@SuppressWarnings({"rawtypes", "unchecked"})
public final class AnalyticalSeedGenerator extends BaseCandidateGenerator implements TemperatureGenerator {
    @JsonProperty("seedTemperature")
    private final double seedTemperature;
    @JsonProperty("rangeFactor")
    private final double rangeFactor;
    @JsonProperty("tolerance")
    private final double tolerance;
    @JsonProperty("maxTrials")
    private final int maxTrials;
    @JsonProperty("parallelism")
    private final int parallelism;
    @JsonProperty("minimize")
    private final boolean minimize;
    /** One flat coordinate per parameter of the space; the temperature's slot is ignored. */
    @JsonProperty("heldCoordinates")
    private final double[] heldCoordinates;

    @JsonIgnore
    private transient SeededBracketSearch search;
    @JsonIgnore
    private transient Map<Integer, Integer> probeOfCandidate;

    @JsonCreator
    AnalyticalSeedGenerator(@JsonProperty("parameterSpace") ParameterSpace<?> parameterSpace,
                            @JsonProperty("dataParameters") Map<String, Object> dataParameters,
                            @JsonProperty("initDone") boolean initDone,
                            @JsonProperty("seedTemperature") double seedTemperature,
                            @JsonProperty("rangeFactor") double rangeFactor,
                            @JsonProperty("tolerance") double tolerance,
                            @JsonProperty("maxTrials") int maxTrials,
                            @JsonProperty("parallelism") int parallelism,
                            @JsonProperty("minimize") boolean minimize,
                            @JsonProperty("heldCoordinates") double[] heldCoordinates) {
        super(parameterSpace, dataParameters, initDone);
        initialize();
        this.seedTemperature = seedTemperature;
        this.rangeFactor = rangeFactor;
        this.tolerance = tolerance;
        this.maxTrials = maxTrials;
        this.parallelism = parallelism;
        this.minimize = minimize;
        int width = HeldLeaves.midpoints(parameterSpace).length;
        this.heldCoordinates = heldCoordinates == null ? HeldLeaves.midpoints(parameterSpace) : heldCoordinates.clone();
        if (this.heldCoordinates.length != width) {
            throw new IllegalArgumentException("heldCoordinates has " + this.heldCoordinates.length
                    + " entries but the space has " + width + " parameters");
        }
        temperatureSpace();
        reset();
    }

    public static Builder builder(ParameterSpace<?> space, double seedTemperature) {
        return new Builder(space, seedTemperature);
    }

    /** Starts the search afresh (the settings stay); a new run calls this or builds a new generator. */
    public synchronized void reset() {
        TemperatureSpace t = temperatureSpace();
        search = new SeededBracketSearch(t.min(), t.max(), seedTemperature, rangeFactor, tolerance, maxTrials, parallelism);
        probeOfCandidate = new HashMap<>();
        candidateCounter.set(0);
    }

    /** The single temperature leaf of the space. */
    @JsonIgnore
    public TemperatureSpace temperatureSpace() {
        return HeldLeaves.temperatureLeaf(parameterSpace);
    }

    @Override
    public synchronized boolean hasMoreCandidates() {
        return search.next().isPresent();
    }

    /** True once nothing is pending and nothing is left to propose. */
    public synchronized boolean finished() {
        return search.finished();
    }

    @Override
    public synchronized Candidate getCandidate() {
        OptionalDouble next = search.next();
        if (next.isEmpty()) {
            throw new IllegalStateException("no candidate to propose now: check hasMoreCandidates() first");
        }
        double x = next.getAsDouble();
        int index = candidateCounter.getAndIncrement();
        probeOfCandidate.put(index, search.propose(x));
        TemperatureSpace t = temperatureSpace();
        Candidate candidate = TemperatureCandidate.of(parameterSpace, t, heldCoordinates, t.fromLog(x), index,
                dataParameters);
        if (candidate.getException() != null) {
            search.fail(probeOfCandidate.get(index));
        }
        return candidate;
    }

    @Override
    public synchronized void reportResults(OptimizationResult result) {
        Integer probe = probeOfCandidate.get(result.getIndex());
        if (probe == null || !search.isPending(probe)) {
            return;
        }
        Double score = result.getScore();
        if (score == null || !Double.isFinite(score)) {
            search.fail(probe);
        } else {
            search.complete(probe, minimize ? -score : score);
        }
    }

    /** Marks a candidate failed: it counts as the worst score and is no longer waited for. */
    public synchronized void candidateFailed(int candidateIndex) {
        Integer probe = probeOfCandidate.get(candidateIndex);
        if (probe != null && search.isPending(probe)) {
            search.fail(probe);
        }
    }

    /**
     * A runner listener that forwards failed candidates to this generator (Arbiter reports only completed ones
     * through {@link #reportResults}).
     */
    public StatusListener failureListener() {
        return new FailedCandidateForwarder(this);
    }

    @Override
    public List<StatusListener> runnerListeners() {
        return List.of(failureListener());
    }

    @Override
    public Class<?> getCandidateType() {
        return null;
    }

    /** One line: the seed, the range, the stop rule, and where every other leaf is held. */
    @Override
    public String describe() {
        TemperatureSpace t = temperatureSpace();
        return String.format(java.util.Locale.ROOT,
                "analytical seed T̂* = %.4g%s, range ×%.3g, tolerance ×%.3g, at most %d trials, %d at a time, %s",
                seedTemperature, seedTemperature < t.min() || seedTemperature > t.max()
                        ? " (clipped into [" + t.min() + ", " + t.max() + "])" : "",
                rangeFactor, tolerance, maxTrials, parallelism, minimize ? "minimizing" : "maximizing")
                + HeldLeaves.describe(parameterSpace, heldCoordinates);
    }

    @Override
    public String toString() {
        return "AnalyticalSeedGenerator(" + describe() + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnalyticalSeedGenerator g && Objects.equals(parameterSpace, g.parameterSpace)
                && seedTemperature == g.seedTemperature && rangeFactor == g.rangeFactor && tolerance == g.tolerance
                && maxTrials == g.maxTrials && parallelism == g.parallelism && minimize == g.minimize
                && Arrays.equals(heldCoordinates, g.heldCoordinates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameterSpace, seedTemperature, rangeFactor, tolerance, maxTrials, parallelism, minimize,
                Arrays.hashCode(heldCoordinates));
    }

    /** Settings of the generator; everything but the space and T̂* has the documented default. */
    public static final class Builder {
        private final ParameterSpace<?> space;
        private final double seedTemperature;
        private double rangeFactor = 2;
        private double tolerance = 1.25;
        private int maxTrials = 8;
        private int parallelism = 1;
        private boolean minimize;
        private final Map<ParameterSpace<?>, double[]> held = new IdentityHashMap<>();

        private Builder(ParameterSpace<?> space, double seedTemperature) {
            this.space = Objects.requireNonNull(space, "space");
            this.seedTemperature = seedTemperature;
        }

        public Builder rangeFactor(double r) {
            this.rangeFactor = r;
            return this;
        }

        public Builder tolerance(double tolerance) {
            this.tolerance = tolerance;
            return this;
        }

        public Builder maxTrials(int maxTrials) {
            this.maxTrials = maxTrials;
            return this;
        }

        public Builder parallelism(int parallelism) {
            this.parallelism = parallelism;
            return this;
        }

        /** True when a lower score is better (a loss); the default maximizes (an accuracy). */
        public Builder minimize(boolean minimize) {
            this.minimize = minimize;
            return this;
        }

        /** Holds another leaf of the space at flat coordinates u ∈ [0, 1] (one per parameter of the leaf). */
        public Builder hold(ParameterSpace<?> leaf, double... coordinates) {
            held.put(leaf, coordinates.clone());
            return this;
        }

        public AnalyticalSeedGenerator build() {
            return new AnalyticalSeedGenerator(space, null, false, seedTemperature, rangeFactor, tolerance, maxTrials,
                    parallelism, minimize, HeldLeaves.holding(space, HeldLeaves.midpoints(space), held));
        }
    }
}
