package org.tstar.model;

import java.lang.ref.Reference;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's batch normalization of dense activations (rows are examples), computed with column sums as matrix
 * products and the per-batch arrays kept from one minibatch to the next.
 *
 * <p>Same mathematics as {@link BatchNormalization} (biased batch variance plus ε in training, the running mean and
 * variance of its parameters in inference, the same "distributed-safe" gradients for the running statistics, which
 * the configuration's NoOp updater subtracts), but DL4J 1.0.0-M2.1's version reduces columns with strided
 * per-column passes and copies x − μ and x̂ out of the workspace on every forward pass: a trial's profile
 * (reports/benchmark/trial-profile.md of 2026-12-07) had a third of its native samples there. Here a column sum is 1ᵀX (one GEMM), x̂
 * stays in arrays allocated once per minibatch size, and the per-feature arithmetic (σ, γ/σ, the running
 * statistics' steps: vectors of the layer's width) is done in Java, where it costs less than one native call:
 * seven native operations forward and seven backward. Other ranks (CNN, RNN activations) go to DL4J's
 * implementation unchanged.
 *
 * <p>Rows are combined with a width-long row by the pairwise custom ops, which broadcast, not by ND4J's
 * {@code Broadcast*Op}: under frequent garbage collection those crash the JVM in native code (a SIGSEGV in
 * {@code DataBuffer::primary()}, DL4J's own BatchNormalization included), apparently a temporary of the op freed
 * while it runs. Every array an operation reads is held until it has run.
 */
final class DenseBatchNormalization extends BatchNormalization {
    /** ln(var_t / var_t+1) times this is log10(std_t) − log10(std_t+1), the log-std parameter's step. */
    private static final double HALF_OVER_LN_10 = 1.0 / (2 * Math.log(10.0));

    private final Map<Long, Batch> batches = new HashMap<>();
    /** The minibatch of the last training forward pass, whose statistics the backward pass uses. */
    private Batch last;
    private INDArray lastInput;

    DenseBatchNormalization(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * The arrays of one minibatch size, reused by every minibatch of that size: the all-ones and all-1/n rows
     * whose products with a matrix are its column sums and means, x − μ, x̂, a scratch matrix, the batch mean and
     * variance, and three width-long vectors the Java arithmetic writes into (σ, then the backward pass's scales).
     */
    private record Batch(INDArray ones, INDArray reciprocal, INDArray centred, INDArray normalized, INDArray work,
                         INDArray mean, INDArray variance, INDArray std, INDArray first, INDArray second,
                         INDArray third) {
        static Batch of(long rows, long width, DataType type) {
            try (var scope = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                return new Batch(Nd4j.ones(type, 1, rows), Nd4j.valueArrayOf(new long[] {1, rows}, 1.0 / rows, type),
                        Nd4j.createUninitialized(type, rows, width), Nd4j.createUninitialized(type, rows, width),
                        Nd4j.createUninitialized(type, rows, width), Nd4j.createUninitialized(type, 1, width),
                        Nd4j.createUninitialized(type, 1, width), Nd4j.createUninitialized(type, 1, width),
                        Nd4j.createUninitialized(type, 1, width), Nd4j.createUninitialized(type, 1, width),
                        Nd4j.createUninitialized(type, 1, width));
            }
        }
    }

    @Override
    public INDArray preOutput(INDArray x, TrainingMode training, LayerWorkspaceMgr workspaceMgr) {
        if (x.rank() != 2 || layerConf().isLockGammaBeta()) {
            return super.preOutput(x, training, workspaceMgr);
        }
        INDArray in = contiguous(x.castTo(dataType));
        long rows = in.size(0);
        int width = (int) in.size(1);
        double eps = layerConf().getEps();
        INDArray gammaRow = getParam(BatchNormalizationParamInitializer.GAMMA).reshape(1, width);
        INDArray betaRow = getParam(BatchNormalizationParamInitializer.BETA).reshape(1, width);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, rows, width);
        var ops = Nd4j.getExecutioner();
        if (training == TrainingMode.TEST) {
            // y = x·γ/σ + (β − μ·γ/σ) with the running μ and σ² + ε
            double[] gamma = values(gammaRow);
            double[] beta = values(betaRow);
            double[] mean = values(getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN));
            double[] variance = runningVariance();
            double[] scale = new double[width];
            double[] shift = new double[width];
            for (int j = 0; j < width; j++) {
                scale[j] = gamma[j] / Math.sqrt(variance[j] + eps);
                shift[j] = beta[j] - mean[j] * scale[j];
            }
            INDArray scaleRow = Nd4j.create(new double[][] {scale}).castTo(dataType);
            INDArray shiftRow = Nd4j.create(new double[][] {shift}).castTo(dataType);
            ops.exec(new MulOp(in, scaleRow, out));
            ops.exec(new AddOp(out, shiftRow, out));
            Reference.reachabilityFence(scaleRow);
            Reference.reachabilityFence(shiftRow);
            Reference.reachabilityFence(in);
            return out;
        }
        Batch b = batches.computeIfAbsent(rows, r -> Batch.of(r, width, dataType));
        b.reciprocal.mmuli(in, b.mean);
        ops.exec(new SubOp(in, b.mean, b.centred));
        ops.exec(new MulOp(b.centred, b.centred, b.work));
        b.reciprocal.mmuli(b.work, b.variance);
        double[] variance = values(b.variance);
        double[] std = new double[width];
        for (int j = 0; j < width; j++) {
            std[j] = Math.sqrt(variance[j] + eps);
        }
        write(b.std, std);
        ops.exec(new DivOp(b.centred, b.std, b.normalized));
        ops.exec(new MulOp(b.normalized, gammaRow, out));
        ops.exec(new AddOp(out, betaRow, out));
        Reference.reachabilityFence(gammaRow);
        Reference.reachabilityFence(betaRow);
        Reference.reachabilityFence(in);
        last = b;
        lastInput = x;
        return out;
    }

    /** The running variance the parameters hold, in either of DL4J's parameterizations (variance or log10 std). */
    private double[] runningVariance() {
        if (!layerConf().isUseLogStd()) {
            return values(getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        }
        double[] log10Std = values(getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD));
        double[] variance = new double[log10Std.length];
        for (int j = 0; j < variance.length; j++) {
            double std = Math.pow(10.0, log10Std[j]);
            variance[j] = std * std;
        }
        return variance;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (epsilon.rank() != 2 || layerConf().isLockGammaBeta()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        if (last == null || lastInput != input) {
            // DL4J's backward pass follows a training forward pass of the same input; this repeats it otherwise
            preOutput(input, TrainingMode.TRAIN, workspaceMgr);
        }
        Batch b = last;
        INDArray dOut = contiguous(epsilon.castTo(dataType));
        long rows = dOut.size(0);
        int width = (int) dOut.size(1);
        var ops = Nd4j.getExecutioner();
        INDArray dGammaView = gradientViews.get(BatchNormalizationParamInitializer.GAMMA);
        INDArray dBetaView = gradientViews.get(BatchNormalizationParamInitializer.BETA);
        INDArray dBetaRow = dBetaView.reshape(1, width);
        INDArray dGammaRow = dGammaView.reshape(1, width);
        b.ones.mmuli(dOut, dBetaRow);
        ops.exec(new MulOp(dOut, b.normalized, b.work));
        b.ones.mmuli(b.work, dGammaRow);
        Reference.reachabilityFence(dBetaRow);
        Reference.reachabilityFence(dGammaRow);

        // dL/dx = (γ/σ) ∘ (dL/dy − Σ dL/dy / n − x̂ ∘ Σ (dL/dy ∘ x̂) / n), the batch statistics' share included
        double[] gamma = values(getParam(BatchNormalizationParamInitializer.GAMMA));
        double[] std = values(b.std);
        double[] dGamma = values(dGammaView);
        double[] dBeta = values(dBetaView);
        double[] perRowGamma = new double[width];
        double[] perRowBeta = new double[width];
        double[] scale = new double[width];
        for (int j = 0; j < width; j++) {
            perRowGamma[j] = dGamma[j] / rows;
            perRowBeta[j] = dBeta[j] / rows;
            scale[j] = gamma[j] / std[j];
        }
        write(b.first, perRowGamma);
        write(b.second, perRowBeta);
        write(b.third, scale);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, rows, width);
        ops.exec(new MulOp(b.normalized, b.first, dx));
        ops.exec(new SubOp(dOut, dx, dx));
        ops.exec(new SubOp(dx, b.second, dx));
        ops.exec(new MulOp(dx, b.third, dx));
        Reference.reachabilityFence(dOut);

        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        runningStatisticSteps(gradient, b);
        last = null;
        lastInput = null;
        return new Pair<>(gradient, dx);
    }

    /**
     * The running statistics move by "gradients" the NoOp updater subtracts: μ_t − μ_t+1 = (1 − d)(μ_t − μ_batch),
     * and for the variance (or its log10 std) the same step towards d·var_t + (1 − d)·var_batch, as DL4J does.
     */
    private void runningStatisticSteps(Gradient gradient, Batch b) {
        double decay = layerConf().getDecay();
        double[] batchMean = values(b.mean);
        double[] batchVariance = values(b.variance);
        String meanKey = BatchNormalizationParamInitializer.GLOBAL_MEAN;
        double[] runningMean = values(getParam(meanKey));
        double[] meanStep = new double[batchMean.length];
        for (int j = 0; j < meanStep.length; j++) {
            meanStep[j] = (runningMean[j] - batchMean[j]) * (1 - decay);
        }
        write(gradientViews.get(meanKey), meanStep);
        gradient.setGradientFor(meanKey, gradientViews.get(meanKey));
        double[] now = runningVariance();
        double[] step = new double[now.length];
        boolean logStd = layerConf().isUseLogStd();
        for (int j = 0; j < step.length; j++) {
            double next = decay * now[j] + (1 - decay) * batchVariance[j];
            step[j] = logStd ? Math.log(now[j] / next) * HALF_OVER_LN_10 : now[j] - next;
        }
        String key = logStd ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD : BatchNormalizationParamInitializer.GLOBAL_VAR;
        write(gradientViews.get(key), step);
        gradient.setGradientFor(key, gradientViews.get(key));
    }

    private static double[] values(INDArray vector) {
        return vector.reshape(vector.length()).toDoubleVector();
    }

    /** Writes a vector element by element: cheaper than building an array and assigning it natively. */
    private static void write(INDArray target, double[] values) {
        INDArray flat = target.reshape(target.length());
        for (int j = 0; j < values.length; j++) {
            flat.putScalar(j, values[j]);
        }
    }

    private static INDArray contiguous(INDArray a) {
        return a.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a) ? a : a.dup('c');
    }
}
