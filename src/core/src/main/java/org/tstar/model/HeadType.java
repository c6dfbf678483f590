package org.tstar.model;

/** The kind of classifier head whose softmax temperature is tuned. */
public enum HeadType {
    /** [BatchNorm] → Dense(C, T) → softmax cross-entropy, directly on the input features. */
    LINEAR,
    /** Hidden Dense+ReLU layers, then the linear head. */
    MLP,
    /** Optional hidden layers, then cosine logits (normalized features and class weights, no bias) divided by T. */
    COSINE
}
