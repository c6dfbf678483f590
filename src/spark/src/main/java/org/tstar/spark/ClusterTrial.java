package org.tstar.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.tstar.data.DataSplit;
import org.tstar.model.EpochObserver;
import org.tstar.model.PreparedSplit;
import org.tstar.model.TemperatureTrainer;
import org.tstar.model.TrialResult;
import org.tstar.search.trial.TrialExecutor;

/**
 * What one Spark task does: train one temperature with the run's trainer on the broadcast split, telling the
 * driver its learning curve when the search asked for one. Serialized with the task; the split travels once per
 * executor as a broadcast and is converted to ND4J matrices once per executor JVM.
 */
final class ClusterTrial implements Function<Double, ClusterTrial.Reply> {
    private static final long serialVersionUID = 1L;

    /** Converted splits on this executor, by broadcast id; a few at most (a suite moves from task to task). */
    private static final Map<Long, PreparedSplit> PREPARED = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, PreparedSplit> eldest) {
            return size() > 2;
        }
    };

    private final Broadcast<DataSplit> data;
    private final TemperatureTrainer trainer;
    private final String relayHost;
    private final int relayPort;
    private final String relayId;

    /** @param relayId the trial's id at the driver's epoch relay; null when the search asked for no curve */
    ClusterTrial(Broadcast<DataSplit> data, TemperatureTrainer trainer, String relayHost, int relayPort, String relayId) {
        this.data = data;
        this.trainer = trainer;
        this.relayHost = relayHost;
        this.relayPort = relayPort;
        this.relayId = relayId;
    }

    /** A trained trial, or the failure it threw, as a local trial's failure reads in its row. */
    record Reply(TrialResult result, String failure) implements Serializable {
    }

    @Override
    public Reply call(Double temperature) {
        PreparedSplit prepared = prepared();
        RelayedEpochObserver relayed = relayId == null ? null : new RelayedEpochObserver(relayHost, relayPort, relayId);
        try {
            return new Reply(trainer.train(prepared, temperature, relayed == null ? EpochObserver.NONE : relayed), null);
        } catch (RelayedEpochObserver.RelayLost e) {
            // the driver could not be reached: the task fails, and Spark retries it or gives up on it
            throw e;
        } catch (RuntimeException e) {
            // the trainer's own failure is deterministic: retrying it elsewhere gives the same, so it is a result
            return new Reply(null, TrialExecutor.RemoteFailure.reasonOf(e));
        } finally {
            if (relayed != null) {
                relayed.close();
            }
        }
    }

    private PreparedSplit prepared() {
        synchronized (PREPARED) {
            return PREPARED.computeIfAbsent(data.id(), id -> PreparedSplit.of(data.value()));
        }
    }
}
