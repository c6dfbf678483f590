package org.tstar.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import org.tstar.model.EpochObserver;

/**
 * The executor's end of {@link EpochRelay}: tells the driver each epoch's validation scores and trains on only
 * if the driver's observer says so. Connects at the first epoch; one connection per task attempt.
 */
final class RelayedEpochObserver implements EpochObserver, AutoCloseable {
    private final String host;
    private final int port;
    private final String trial;
    private Socket socket;
    private DataInputStream in;
    private DataOutputStream out;

    /** The driver's relay could not be reached or went away mid-trial. */
    static final class RelayLost extends UncheckedIOException {
        RelayLost(String message, IOException cause) {
            super(message, cause);
        }
    }

    RelayedEpochObserver(String host, int port, String trial) {
        this.host = host;
        this.port = port;
        this.trial = trial;
    }

    @Override
    public boolean epochEnded(int epoch, long samplePasses, double validationAccuracy, double validationLoss) {
        try {
            if (socket == null) {
                socket = new Socket(host, port);
                socket.setTcpNoDelay(true);
                in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
                out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
                out.writeUTF(trial);
            }
            out.writeInt(epoch);
            out.writeLong(samplePasses);
            out.writeDouble(validationAccuracy);
            out.writeDouble(validationLoss);
            out.flush();
            // STOP and ABORT both end the trial here; after an ABORT the driver rethrows what its observer threw
            return in.readByte() == EpochRelay.GO_ON;
        } catch (IOException e) {
            // the driver is unreachable: the task fails and Spark retries or gives up on it
            throw new RelayLost("learning curve relay to the driver at " + host + ":" + port + " failed", e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // the trial is over either way
            }
        }
    }
}
