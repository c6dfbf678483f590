package org.tstar.search.trial;

import java.util.Map;
import java.util.ServiceLoader;
import org.tstar.InvalidInputException;
import org.tstar.model.PreparedSplit;
import org.tstar.model.TemperatureTrainer;

/**
 * Where a search's trials train: in this JVM ({@link #LOCAL}) or on a cluster (tstar-spark's executor, found through
 * {@link Provider}). The search itself (generator, pruner, trial log, reports) stays in this JVM either way, so a
 * trial trained elsewhere gives the same row as one trained here.
 */
public interface TrialExecutor extends AutoCloseable {

    /** Trials in this JVM, on the data already in memory. */
    TrialExecutor LOCAL = new TrialExecutor() {
        @Override
        public TemperatureTrial trial(TemperatureTrainer trainer, PreparedSplit data) {
            return TemperatureTrial.of(trainer, data);
        }

        @Override
        public int slots() {
            return 1;
        }

        @Override
        public String describe() {
            return "this JVM";
        }

        @Override
        public void close() {
        }
    };

    /** The trial that trains with {@code trainer} on {@code data} here; the data travel at most once per executor. */
    TemperatureTrial trial(TemperatureTrainer trainer, PreparedSplit data);

    /**
     * Trials that can train at once. Searches whose proposals do not depend on results (grid, random) keep this many
     * in flight; adaptive ones keep their space's {@code parallelism}, so they propose what they would locally.
     */
    int slots();

    /** Where trials run, in one line for the console and summaries. */
    String describe();

    @Override
    void close();

    /**
     * A trial that threw where it ran: {@link #reason()} reads as the same failure would in this JVM (exception's
     * simple name and message), so its trial row matches a local run's.
     */
    final class RemoteFailure extends RuntimeException {
        private final String reason;

        public RemoteFailure(String reason) {
            super(reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }

        /** How a trial's failure reads in its row: the exception's simple name and message, wherever it trained. */
        public static String reasonOf(RuntimeException e) {
            return e instanceof RemoteFailure remote ? remote.reason() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** An executor implementation found on the classpath (tstar-spark registers one in META-INF/services). */
    interface Provider {
        /** Opens an executor on {@code master} with extra engine settings {@code conf}. */
        TrialExecutor open(String master, Map<String, String> conf);
    }

    /**
     * The executor a space's {@code spark:} block asks for: {@link #LOCAL} without a {@code master}, else the first
     * {@link Provider} on the classpath, opened with the extra engine settings {@code conf}. Refused in one line when none is (the core jar alone does not carry Spark).
     */
    static TrialExecutor open(String master, Map<String, String> conf) {
        if (master == null) {
            return LOCAL;
        }
        for (Provider provider : ServiceLoader.load(Provider.class)) {
            return provider.open(master, conf);
        }
        throw new InvalidInputException("spark master '" + master + "': tstar-spark is not on the classpath "
                + "(build it with `mvn -B -q -DskipTests package`; bin/tstar then adds it)");
    }
}
