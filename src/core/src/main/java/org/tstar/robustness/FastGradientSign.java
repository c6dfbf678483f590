package org.tstar.robustness;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** FGSM (Goodfellow et al. 2015): one step of size ε along the sign of the loss's input gradient. */
public record FastGradientSign(double epsilon) implements AdversarialAttack {

    @Override
    public INDArray perturb(InputGradient model, INDArray features, INDArray labels, InputRange range) {
        INDArray x = features.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        return range.clip(x.add(Transforms.sign(model.gradient(x, labels), false).muli(epsilon)));
    }

    @Override
    public boolean[] survives(InputGradient model, INDArray features, INDArray labels, InputRange range) {
        return AdversarialAttack.and(model.correct(features, labels),
                model.correct(perturb(model, features, labels, range), labels));
    }
}
