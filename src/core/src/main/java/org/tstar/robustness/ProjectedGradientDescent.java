package org.tstar.robustness;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Untargeted L∞ PGD (Madry et al. 2018): optionally start at a seeded uniform point of the ε-ball, then take
 * {@code steps} signed-gradient steps of {@code stepSize}, projecting after each onto the ε-ball around the clean
 * input and the input box. A row survives only if the network is right on the clean input, on the FGSM point of
 * the same ε and on every iterate, so PGD accuracy ≤ FGSM accuracy ≤ clean accuracy on any model.
 */
public record ProjectedGradientDescent(RobustnessSettings.Pgd settings, long seed) implements AdversarialAttack {

    @Override
    public INDArray perturb(InputGradient model, INDArray features, INDArray labels, InputRange range) {
        INDArray[] last = new INDArray[1];
        iterate(model, features, labels, range, x -> last[0] = x);
        return last[0];
    }

    @Override
    public boolean[] survives(InputGradient model, INDArray features, INDArray labels, InputRange range) {
        return survivesAfter(new FastGradientSign(settings.epsilon()).survives(model, features, labels, range), model,
                features, labels, range);
    }

    /**
     * As {@link #survives}, given which rows survive FGSM at this attack's ε already (an evaluation that measured
     * FGSM at the same ε need not attack twice).
     */
    public boolean[] survivesAfter(boolean[] fgsmSurvivors, InputGradient model, INDArray features, INDArray labels,
                                   InputRange range) {
        boolean[][] alive = {fgsmSurvivors.clone()};
        iterate(model, features, labels, range, x -> alive[0] = AdversarialAttack.and(alive[0], model.correct(x, labels)));
        return alive[0];
    }

    private void iterate(InputGradient model, INDArray features, INDArray labels, InputRange range,
                         java.util.function.Consumer<INDArray> eachIterate) {
        INDArray clean = features.castTo(DataType.DOUBLE);
        double epsilon = settings.epsilon();
        INDArray x = clean.dup();
        if (settings.randomStart() && epsilon > 0) {
            Random random = new Random(seed);
            double[] start = new double[(int) clean.length()];
            for (int i = 0; i < start.length; i++) {
                start[i] = epsilon * (2 * random.nextDouble() - 1);
            }
            x = range.project(clean.add(Nd4j.create(start, clean.shape(), clean.ordering())), clean, epsilon);
        }
        for (int step = 0; step < settings.steps(); step++) {
            INDArray moved = x.add(Transforms.sign(model.gradient(x, labels), false).muli(settings.stepSize()));
            x = range.project(moved, clean, epsilon);
            eachIterate.accept(x);
        }
    }
}
