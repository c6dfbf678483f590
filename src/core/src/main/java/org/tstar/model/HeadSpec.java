package org.tstar.model;

import java.util.List;
import java.util.Locale;
import org.tstar.InvalidInputException;

/**
 * The architecture of a classifier head apart from its temperature: type, hidden widths, whether a
 * BatchNormalization layer standardizes the features feeding the output layer, and whether the loss is the
 * rescaled cross-entropy (CE · T, i.e. CE divided by the inverse temperature, so T does not rescale the step).
 */
public record HeadSpec(HeadType type, List<Integer> hidden, boolean batchNormBeforeOutput, boolean rescaledLoss)
        implements java.io.Serializable {

    public HeadSpec {
        hidden = List.copyOf(hidden);
        for (int width : hidden) {
            if (width < 1) {
                throw new InvalidInputException("model.hidden: widths must be ≥ 1, got " + width);
            }
        }
        if (type == HeadType.LINEAR && !hidden.isEmpty()) {
            throw new InvalidInputException("model.hidden: a linear head has no hidden layers, got " + hidden
                    + " (use head: mlp)");
        }
        if (type == HeadType.MLP && hidden.isEmpty()) {
            throw new InvalidInputException("model.hidden: an mlp head needs at least one hidden width");
        }
    }

    public static HeadSpec linear(boolean batchNormBeforeOutput) {
        return new HeadSpec(HeadType.LINEAR, List.of(), batchNormBeforeOutput, false);
    }

    public static HeadType parseType(String name) {
        try {
            return HeadType.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("model.head: '" + name + "' is not one of linear, mlp, cosine");
        }
    }

    /** The width M of the features feeding the output layer, for inputs of the given width. */
    public int featureWidth(int inputWidth) {
        return hidden.isEmpty() ? inputWidth : hidden.get(hidden.size() - 1);
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(Locale.ROOT) + (hidden.isEmpty() ? "" : hidden.toString())
                + (batchNormBeforeOutput ? "+bn" : "") + (rescaledLoss ? "+rescaled" : "");
    }
}
