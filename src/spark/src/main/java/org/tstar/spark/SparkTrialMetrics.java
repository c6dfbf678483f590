package org.tstar.spark;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.tstar.InvalidInputException;
import org.slf4j.LoggerFactory;

/**
 * Where a run's trials are on the cluster, from Spark's scheduler events on the driver's clock: trials running on
 * each executor, how long each trial's task waited for a slot (job submitted to task launched), and task attempts
 * that failed (a lost executor, a killed task) and were retried or gave up.
 */
final class SparkTrialMetrics extends SparkListener implements MeterBinder {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTrialMetrics.class);

    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final java.util.Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Long> submittedByStage = new ConcurrentHashMap<>();
    private final Map<Integer, String> trialByStage = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    @Override
    public void bindTo(MeterRegistry meters) {
        this.registry = meters;
        gauged.clear();
        Timer.builder("tstar.spark.queue.wait").description("time a trial's Spark task waited for a free slot")
                .register(meters);
        Counter.builder("tstar.spark.task.failures").description("trial task attempts that failed on the cluster")
                .register(meters);
        running.keySet().forEach(this::gauge);
    }

    private void gauge(String executor) {
        MeterRegistry meters = registry;
        if (meters != null && gauged.add(executor)) {
            Gauge.builder("tstar.spark.trials.running", running.get(executor), AtomicInteger::get)
                    .description("trials training on this Spark executor now").tag("executor", executor)
                    .register(meters);
        }
    }

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        String trial = job.properties() == null ? null : job.properties().getProperty(SparkTrialExecutor.TRIAL_PROPERTY);
        scala.collection.Iterator<Object> stages = job.stageIds().iterator();
        while (stages.hasNext()) {
            int stage = (Integer) stages.next();
            submittedByStage.put(stage, job.time());
            if (trial != null) {
                trialByStage.put(stage, trial);
            }
        }
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart task) {
        String executor = task.taskInfo().executorId();
        running.computeIfAbsent(executor, e -> new AtomicInteger()).incrementAndGet();
        gauge(executor);
        Long submitted = submittedByStage.get(task.stageId());
        MeterRegistry meters = registry;
        if (submitted != null && meters != null) {
            meters.timer("tstar.spark.queue.wait").record(Duration.ofMillis(Math.max(0, task.taskInfo().launchTime() - submitted)));
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
        String executor = task.taskInfo().executorId();
        running.computeIfAbsent(executor, e -> new AtomicInteger()).decrementAndGet();
        if (!task.taskInfo().successful()) {
            MeterRegistry meters = registry;
            if (meters != null) {
                meters.counter("tstar.spark.task.failures").increment();
            }
            LOG.warn("trial {}: Spark task attempt {} failed on executor {} ({}); Spark retries it up to "
                            + "spark.task.maxFailures, then the trial fails",
                    trialByStage.getOrDefault(task.stageId(), "?"), task.taskInfo().attemptNumber(), executor,
                    InvalidInputException.firstLine(task.reason().toString(), ""));
        } else {
            submittedByStage.remove(task.stageId());
            trialByStage.remove(task.stageId());
        }
    }
}
