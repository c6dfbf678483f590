package org.tstar.robustness;

/**
 * What the space file's {@code robustness:} asks for: Gaussian noise at σ, FGSM at ε, untargeted L∞ PGD (ε, step
 * size, steps, random start), on at most {@code samples} rows of each split, seeded; the weight w of the
 * {@code robust} score; and optional PGD adversarial training. All ε and σ are in units of the standardized input
 * (one unit = one training standard deviation of that feature). A measure whose value is NaN is not run.
 */
public record RobustnessSettings(double noiseSigma, double fgsmEpsilon, Pgd pgd, int samples, long seed,
                                 double objectiveWeight, AdversarialTraining adversarialTraining)
        implements java.io.Serializable {

    /** Untargeted L∞ projected gradient descent. */
    public record Pgd(double epsilon, double stepSize, int steps, boolean randomStart) implements java.io.Serializable {
        public Pgd {
            require(!(epsilon < 0), "pgd.epsilon", epsilon, "≥ 0");
            require(stepSize > 0, "pgd.stepSize", stepSize, "> 0");
            require(steps >= 1, "pgd.steps", steps, "≥ 1");
        }
    }

    /**
     * PGD examples mixed into every training minibatch: a {@code fraction} of its rows is replaced by their
     * adversarial versions against the network as it is at that step.
     */
    public record AdversarialTraining(Pgd pgd, double fraction) implements java.io.Serializable {
        public AdversarialTraining {
            require(fraction > 0 && fraction <= 1, "adversarialTraining.fraction", fraction, "in (0, 1]");
        }
    }

    public static final RobustnessSettings NONE = new RobustnessSettings(Double.NaN, Double.NaN, null, 0, 0, 0, null);

    public RobustnessSettings {
        require(Double.isNaN(noiseSigma) || noiseSigma >= 0, "noise", noiseSigma, "≥ 0");
        require(Double.isNaN(fgsmEpsilon) || fgsmEpsilon >= 0, "fgsm", fgsmEpsilon, "≥ 0");
        require(objectiveWeight >= 0 && objectiveWeight <= 1, "objectiveWeight", objectiveWeight, "in [0, 1]");
    }

    /** Whether any robustness measure is evaluated after training. */
    public boolean evaluates() {
        return !Double.isNaN(noiseSigma) || !Double.isNaN(fgsmEpsilon) || pgd != null;
    }

    private static void require(boolean ok, String key, double value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("robustness." + key + ": must be " + rule + ", got " + value);
        }
    }
}
