package org.tstar.robustness;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A worst-case perturbation of inputs against a trained network, bounded in L∞ by ε and kept inside the data's
 * input box. Two implementations: the one-step {@link FastGradientSign} and the iterated
 * {@link ProjectedGradientDescent}.
 */
public interface AdversarialAttack {

    /** The adversarial versions of the rows of {@code features} (a new array, same shape). */
    INDArray perturb(InputGradient model, INDArray features, INDArray labels, InputRange range);

    /**
     * Per row, whether the network survives: right on the clean input and on every adversarial input the attack
     * tried. Counting any success makes a stronger attack never report a higher accuracy than a weaker one it
     * includes (as robust-accuracy ensembles such as AutoAttack count).
     */
    boolean[] survives(InputGradient model, INDArray features, INDArray labels, InputRange range);

    static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] && b[i];
        }
        return out;
    }
}
