package org.tstar.search.trial;

/** One point of a trial's learning curve: the validation scores after an epoch, and the training done by then. */
public record CurvePoint(int epoch, long samplePasses, double validationAccuracy, double validationLoss)
        implements java.io.Serializable {
}
