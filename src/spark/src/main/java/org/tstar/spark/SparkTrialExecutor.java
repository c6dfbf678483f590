package org.tstar.spark;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.tstar.InvalidInputException;
import org.tstar.data.DataSplit;
import org.tstar.model.EpochObserver;
import org.tstar.model.Nd4jNativeBuild;
import org.tstar.model.PreparedSplit;
import org.tstar.model.TemperatureTrainer;
import org.tstar.model.TrialResult;
import org.tstar.search.trial.TemperatureTrial;
import org.tstar.search.trial.TrialExecutor;

/**
 * Trains a search's trials as Spark tasks, one single-partition job per trial, while the search stays on the
 * driver: Arbiter's runner asks the generator and tells it results here, and each of its trial threads waits on
 * its trial's job. The split is broadcast once per run; learning curves come back epoch by epoch through an
 * {@link EpochRelay}, so pruning and successive halving decide as they would locally.
 *
 * <p>A task that fails for the cluster's reasons (its executor lost, killed) is retried by Spark up to
 * {@code spark.task.maxFailures}; after that, or when the trainer itself throws, the trial is a failed row with
 * the reason, and the search goes on.
 */
public final class SparkTrialExecutor implements TrialExecutor, MeterBinder {
    /** The Spark job property naming a trial, for the Spark UI and the failure log. */
    static final String TRIAL_PROPERTY = "tstar.trial";
    /** Seconds to wait for a cluster's first executor before refusing the master (Spark itself would wait forever). */
    static final String REGISTRATION_TIMEOUT = "spark.tstar.registrationTimeout";
    /** Seconds a running search tolerates a cluster without executors before its trials fail instead of waiting. */
    static final String EXECUTOR_LOSS_TIMEOUT = "spark.tstar.executorLossTimeout";

    private final JavaSparkContext spark;
    private final EpochRelay relay;
    private final SparkTrialMetrics metrics = new SparkTrialMetrics();
    private final String master;
    private final Map<DataSplit, Broadcast<DataSplit>> broadcasts = new IdentityHashMap<>();
    private final Deque<DataSplit> broadcastOrder = new ArrayDeque<>();

    private final long executorLossTimeoutSeconds;
    /** When the watchdog first saw the cluster without executors (System.nanoTime()), or -1. */
    private long executorlessSince = -1;
    /** Why trials cannot run (no executor for longer than the executor-loss timeout), or null. */
    private volatile String unavailable;
    private final java.util.concurrent.ScheduledExecutorService watchdog =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tstar-spark-watchdog");
                t.setDaemon(true);
                return t;
            });

    private SparkTrialExecutor(JavaSparkContext spark, String master, long executorLossTimeoutSeconds) {
        this.spark = spark;
        this.master = master;
        this.executorLossTimeoutSeconds = executorLossTimeoutSeconds;
        spark.sc().addSparkListener(metrics);
        SparkConf conf = spark.getConf();
        // Spark has set the driver's host by now; executors already reach the driver there
        String host = conf.get("spark.driver.host", "127.0.0.1");
        this.relay = new EpochRelay(address(conf.get("spark.driver.bindAddress", host)), host);
    }

    /**
     * Starts a Spark application on {@code master} with {@code conf} over tstar's defaults and waits for a first
     * executor; a master that cannot be reached, or offers no executor in time, is refused in one line.
     */
    public static SparkTrialExecutor start(String master, Map<String, String> conf) {
        SparkConf sparkConf = new SparkConf().setMaster(master).setAppName("tstar")
                // DESIGN §2: one thread per ND4J op, as bin/tstar sets for the driver
                .set("spark.executorEnv.OMP_NUM_THREADS", "1")
                .set("spark.executorEnv.ND4J_IGNORE_AVX", "true")
                .set("spark.task.cpus", "1");
        conf.forEach(sparkConf::set);
        // executors train on the driver's ND4J build, so a cluster's trials are the driver's to the last digit
        // (an executor whose CPU lacks it fails its tasks: TSTAR_ND4J_BUILD=generic on the driver then)
        String build = "-D" + Nd4jNativeBuild.PROPERTY + "=" + Nd4jNativeBuild.selectBeforeNd4jLoads().extension();
        sparkConf.set("spark.executor.extraJavaOptions", (sparkConf.get("spark.executor.extraJavaOptions", "") + " " + build).strip());
        long timeout = sparkConf.getLong(REGISTRATION_TIMEOUT, 120);
        if (master.startsWith("spark://")) {
            requireReachable(master);
        }
        JavaSparkContext context;
        try {
            context = new JavaSparkContext(sparkConf);
        } catch (RuntimeException e) {
            throw new InvalidInputException("spark master '" + master + "': " + InvalidInputException.firstLine(e.getMessage(), "(no message)"));
        }
        SparkTrialExecutor executor = new SparkTrialExecutor(context, master,
                sparkConf.getLong(EXECUTOR_LOSS_TIMEOUT, timeout));
        if (!master.startsWith("local")) {
            executor.awaitExecutors(timeout);
            executor.watchdog.scheduleWithFixedDelay(executor::watch, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
        return executor;
    }

    /**
     * Refuses a standalone master none of whose addresses accepts a connection: a Spark application started against
     * it would retry for a minute before giving up, and stopping it would wait as long.
     */
    private static void requireReachable(String master) {
        String why = "";
        for (String address : master.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1))), 5000);
                return;
            } catch (java.io.IOException | RuntimeException e) {
                why = address + " (" + e.getMessage() + ")";
            }
        }
        throw new InvalidInputException("spark master '" + master + "': cannot connect to " + why);
    }

    private void awaitExecutors(long seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        // the driver counts itself among the executor infos
        while (spark.sc().statusTracker().getExecutorInfos().length < 2) {
            if (spark.sc().isStopped() || System.nanoTime() > deadline) {
                close();
                throw new InvalidInputException("spark master '" + master + "': no executor registered within "
                        + seconds + " s (is a worker running, with a free core and " + spark.getConf()
                        .get("spark.executor.memory", "1g") + " of memory? " + REGISTRATION_TIMEOUT + " sets the wait)");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new InvalidInputException("spark master '" + master + "': interrupted while waiting for executors");
            }
        }
    }

    /**
     * Spark waits for resources forever: when the cluster has had no executor for the executor-loss timeout (its
     * workers are gone), the waiting trials are cancelled and later ones fail at once, so the search ends with
     * failed rows instead of hanging. Executors that come back lift this.
     */
    private void watch() {
        if (spark.sc().isStopped()) {
            return;
        }
        if (spark.sc().statusTracker().getExecutorInfos().length >= 2) {
            executorlessSince = -1;
            unavailable = null;
            return;
        }
        long now = System.nanoTime();
        if (executorlessSince < 0) {
            executorlessSince = now;
        } else if (unavailable == null && now - executorlessSince > executorLossTimeoutSeconds * 1_000_000_000L) {
            unavailable = "no Spark executor on " + master + " for " + executorLossTimeoutSeconds + " s ("
                    + EXECUTOR_LOSS_TIMEOUT + ")";
            spark.cancelAllJobs();
        }
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidInputException("spark.driver.host '" + host + "': cannot be resolved");
        }
    }

    @Override
    public TemperatureTrial trial(TemperatureTrainer trainer, PreparedSplit data) {
        Broadcast<DataSplit> split = broadcast(data.split());
        return new TemperatureTrial() {
            @Override
            public TrialResult run(double temperature) {
                return train(split, trainer, temperature, null);
            }

            @Override
            public TrialResult run(double temperature, EpochObserver observer) {
                return train(split, trainer, temperature, observer);
            }
        };
    }

    /** The split's broadcast, made once; the oldest of more than two is released (a suite moves on). */
    private synchronized Broadcast<DataSplit> broadcast(DataSplit split) {
        Broadcast<DataSplit> known = broadcasts.get(split);
        if (known != null) {
            return known;
        }
        Broadcast<DataSplit> made = spark.broadcast(split);
        broadcasts.put(split, made);
        broadcastOrder.add(split);
        if (broadcastOrder.size() > 2) {
            broadcasts.remove(broadcastOrder.poll()).unpersist(false);
        }
        return made;
    }

    private TrialResult train(Broadcast<DataSplit> split, TemperatureTrainer trainer, double temperature,
                              EpochObserver observer) {
        String down = unavailable;
        if (down != null) {
            throw new RemoteFailure(down);
        }
        String relayId = observer == null ? null : relay.register(observer);
        String label = String.format(Locale.ROOT, "T = %.6g", temperature);
        ClusterTrial.Reply reply = null;
        Exception sparkFailure = null;
        try {
            spark.setLocalProperty(TRIAL_PROPERTY, label);
            spark.setJobDescription("tstar trial at " + label);
            reply = spark.parallelize(List.of(temperature), 1)
                    .map(new ClusterTrial(split, trainer, relay.host(), relay.port(), relayId))
                    .collect().get(0);
        } catch (Exception e) {
            // collect() throws Spark's checked SparkException undeclared, so this catches Exception
            sparkFailure = e;
        }
        RuntimeException observerFailure = relayId == null ? null : relay.unregister(relayId);
        if (observerFailure != null) {
            // as locally: what the curve log or pruner threw ends the trial with that exception
            throw observerFailure;
        }
        if (sparkFailure != null) {
            // the cluster lost its executors, or Spark gave up on the task (spark.task.maxFailures attempts)
            down = unavailable;
            throw new RemoteFailure(down != null ? down : sparkFailure.getClass().getSimpleName() + ": "
                    + InvalidInputException.firstLine(sparkFailure.getMessage(), "(no message)"));
        }
        if (reply.failure() != null) {
            throw new RemoteFailure(reply.failure());
        }
        return reply.result();
    }

    @Override
    public int slots() {
        return Math.max(1, spark.defaultParallelism());
    }

    @Override
    public String describe() {
        String ui = spark.sc().uiWebUrl().isDefined() ? ", UI " + spark.sc().uiWebUrl().get() : "";
        return String.format(Locale.ROOT, "Spark %s master %s (application %s, %d slots%s)", spark.version(), master,
                spark.sc().applicationId(), slots(), ui);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        metrics.bindTo(registry);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        relay.close();
        spark.stop();
    }
}
