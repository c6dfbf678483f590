package org.tstar.search.arbiter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.deeplearning4j.arbiter.DL4JConfiguration;
import org.deeplearning4j.arbiter.MultiLayerSpace;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.BatchNormalizationSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.LossLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.BaseStatusListener;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.arbiter.task.MultiLayerNetworkTaskCreator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.tstar.data.StratifiedSplit;
import org.tstar.data.TaskData;
import org.tstar.model.PreparedSplit;
import org.tstar.model.TemperatureScale;
import org.tstar.search.space.TemperatureActivationSpace;
import org.tstar.search.space.TemperatureSpace;

/**
 * The example of docs/metrics.md ("Inside your own Arbiter setup"): tstar's temperature head and generator inside a user's own Arbiter setup — a
 * {@code MultiLayerSpace} with an extra hyperparameter (the learning rate) held fixed, the user's data source and
 * score function, Arbiter's own DL4J task creator and {@code LocalOptimizationRunner}.
 */
class UserArbiterSetupExampleTest {

    /** The user's Arbiter data source: bundled digits, standardized on the training part. */
    public static final class DigitsDataSource implements org.deeplearning4j.arbiter.optimize.api.data.DataSource {
        private transient PreparedSplit data;

        public DigitsDataSource() {
        }

        @Override
        public void configure(Properties properties) {
        }

        private PreparedSplit data() {
            if (data == null) {
                data = PreparedSplit.of(new TaskData(org.tstar.data.DataSource.parse("digits"), StratifiedSplit.standard(),
                        null).prepare());
            }
            return data;
        }

        @Override
        public Object trainData() {
            return new ListDataSetIterator<>(new DataSet(data().trainFeatures(), data().trainLabels()).asList(), 64);
        }

        @Override
        public Object testData() {
            return new ListDataSetIterator<>(new DataSet(data().validationFeatures(), data().validationLabels()).asList(), 64);
        }

        @Override
        public Class<?> getDataType() {
            return DataSetIterator.class;
        }
    }

    @Test
    void generatorSearchesTemperatureInAUsersMultiLayerSpaceWithTheLearningRateHeld() throws Exception {
        // --- the docs example, as a user writes it ---
        TemperatureSpace temperature = new TemperatureSpace(0.05, 50);
        ContinuousParameterSpace learningRate = new ContinuousParameterSpace(0.001, 0.1);
        MultiLayerSpace space = new MultiLayerSpace.Builder()
                .seed(42)
                .updater(new AdamSpace(learningRate))
                .addLayer(new BatchNormalizationSpace.Builder().nIn(64).nOut(64).build())
                .addLayer(new DenseLayerSpace.Builder().nIn(64).nOut(10)
                        .activationFn(new TemperatureActivationSpace(temperature)).build())
                .addLayer(new LossLayerSpace.Builder().lossFunction(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).build())
                .numEpochs(5)
                .build();
        double estimate = 0.7239 * Math.sqrt(64) - 4.706; // or: tstar estimate --data digits
        AnalyticalSeedGenerator generator = AnalyticalSeedGenerator.builder(space, estimate)
                .hold(learningRate, (0.01 - 0.001) / (0.1 - 0.001)) // learning rate held at 0.01
                .maxTrials(5)
                .build();
        OptimizationConfiguration config = new OptimizationConfiguration.Builder()
                .candidateGenerator(generator)
                .dataSource(DigitsDataSource.class, new Properties())
                .scoreFunction(new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))
                .terminationConditions(new GeneratorExhaustedCondition(),
                        new MaxTimeCondition(10, java.util.concurrent.TimeUnit.MINUTES))
                .build();
        LocalOptimizationRunner runner = new LocalOptimizationRunner(config, new MultiLayerNetworkTaskCreator());
        runner.addListeners(generator.failureListener());
        // --- end of the example ---

        List<OptimizationResult> results = Collections.synchronizedList(new ArrayList<>());
        runner.addListeners(new BaseStatusListener() {
            @Override
            public void onCandidateStatusChange(CandidateInfo info, IOptimizationRunner r, OptimizationResult result) {
                if (info.getCandidateStatus() == CandidateStatus.Complete) {
                    results.add(result);
                }
            }
        });
        runner.execute();

        assertThat(generator.describe()).contains("held: ContinuousParameterSpace(min=0.001,max=0.1)").contains("0.01");
        assertThat(results).hasSizeBetween(3, 5);
        assertThat(runner.numCandidatesCompleted()).isEqualTo(results.size());
        assertThat(generator.finished()).isTrue();
        List<Double> temperatures = new ArrayList<>();
        for (OptimizationResult result : results) {
            MultiLayerConfiguration conf = ((DL4JConfiguration) result.getCandidate().getValue()).getMultiLayerConfiguration();
            DenseLayer head = (DenseLayer) conf.getConf(1).getLayer();
            assertThat(head.getActivationFn()).isInstanceOf(TemperatureScale.class);
            temperatures.add(((TemperatureScale) head.getActivationFn()).temperature());
            assertThat(((Adam) head.getIUpdater()).getLearningRate()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(result.getScore()).isGreaterThan(0.8);
        }
        temperatures.sort(null);
        assertThat(temperatures).anyMatch(t -> Math.abs(t - estimate) < 1e-9);
        assertThat(temperatures).anyMatch(t -> Math.abs(t - 2 * estimate) < 1e-9);
        assertThat(temperatures).anyMatch(t -> Math.abs(t - estimate / 2) < 1e-9);
    }
}
