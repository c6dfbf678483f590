package org.tstar.search.trial;

import java.util.Arrays;
import java.util.Locale;
import org.tstar.InvalidInputException;

/**
 * How a temperature search proposes its trials and how long each trains, as one table: tstar's analytical seed
 * (full trials) or its seeded successive halving, Arbiter's full grid or random search, and successive halving or
 * Hyperband from a log-uniform start (the multi-fidelity searches a user would run without the seed). Every rule
 * that depends on the strategy reads these columns, not the strategy's name.
 */
public enum Strategy {
    ANALYTICAL(Proposals.ANALYTICAL_SEED, Training.FULL_RECIPE),
    GRID(Proposals.LOG_GRID, Training.FULL_RECIPE),
    RANDOM(Proposals.LOG_UNIFORM, Training.FULL_RECIPE),
    ANALYTICAL_SH(Proposals.ANALYTICAL_SEED, Training.ONE_BRACKET),
    SH(Proposals.LOG_UNIFORM, Training.ONE_BRACKET),
    HYPERBAND(Proposals.LOG_UNIFORM, Training.HYPERBAND_BRACKETS);

    /** Where a strategy's temperatures come from. */
    public enum Proposals {
        /** Around the training-free T̂*, placed after earlier results. */
        ANALYTICAL_SEED(true),
        /** The space's log-spaced grid, in order. */
        LOG_GRID(false),
        /** Drawn log-uniformly from the space with the random seed. */
        LOG_UNIFORM(false);

        private final boolean fromResults;

        Proposals(boolean fromResults) {
            this.fromResults = fromResults;
        }
    }

    /** How long each trial trains. */
    public enum Training {
        /** Every trial trains the full recipe (a pruning rule may still stop one). */
        FULL_RECIPE(false),
        /** One successive-halving bracket: ranked at rungs, the best go on. */
        ONE_BRACKET(true),
        /** Hyperband's brackets, from the most aggressive to full trials. */
        HYPERBAND_BRACKETS(true);

        private final boolean rungs;

        Training(boolean rungs) {
            this.rungs = rungs;
        }
    }

    private final Proposals proposals;
    private final Training training;

    Strategy(Proposals proposals, Training training) {
        this.proposals = proposals;
        this.training = training;
    }

    public Proposals proposals() {
        return proposals;
    }

    public Training training() {
        return training;
    }

    /** Its first temperature is the training-free estimate T̂*. */
    public boolean seeded() {
        return proposals == Proposals.ANALYTICAL_SEED;
    }

    /** Its trials are ranked at rungs and only the best train the full recipe. */
    public boolean multiFidelity() {
        return training.rungs;
    }

    /**
     * What it proposes or how long a trial trains depends on earlier results: run at its space's parallelism, it
     * proposes the same trials wherever they train. One that does not adapt may keep any number in flight.
     */
    public boolean adapts() {
        return proposals.fromResults || training.rungs;
    }

    /** It may stop before its trial budget: its refinement converged (its budget is a maximum). */
    public boolean endsEarly() {
        return proposals.fromResults && !training.rungs;
    }

    /** The name in reports, metrics tags and on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every label, as help texts and refusals list them. */
    public static String labels() {
        String[] all = Arrays.stream(values()).map(Strategy::label).toArray(String[]::new);
        return String.join(", ", Arrays.copyOf(all, all.length - 1)) + " or " + all[all.length - 1];
    }

    public static Strategy parse(String text) {
        for (Strategy s : values()) {
            if (s.label().equals(text)) {
                return s;
            }
        }
        throw new InvalidInputException("strategy: '" + text + "' is not " + labels());
    }
}
