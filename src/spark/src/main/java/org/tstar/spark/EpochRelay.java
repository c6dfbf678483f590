package org.tstar.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.tstar.model.EpochObserver;

/**
 * The driver's end of a trial's learning curve while the trial trains on an executor: each epoch's scores come in
 * over a socket, go to the trial's observer here (curve log, pruner, a successive-halving rung, which may hold the
 * trial), and its go-on-or-stop answer goes back. Spark has no task-to-driver call, and the pruner must see every
 * trial's curve as it grows, so the answer cannot wait for the task to end.
 *
 * <p>A retried task (its executor was lost) replays the epochs it trained before: those get the answers already
 * given, so the observer sees each epoch once, as in a local run.
 */
final class EpochRelay implements AutoCloseable {
    static final byte GO_ON = 1;
    static final byte STOP = 0;
    /** The observer threw (the curve log failed): the trial stops and the driver rethrows the failure. */
    static final byte ABORT = 2;

    private final ServerSocket server;
    private final String advertised;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tstar-epoch-relay");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Registration> trials = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** One trial's observer and the answers it gave, by epoch. */
    private static final class Registration {
        final EpochObserver observer;
        final Map<Integer, Byte> answers = new HashMap<>();
        RuntimeException failure;

        Registration(EpochObserver observer) {
            this.observer = observer;
        }

        synchronized byte answer(int epoch, long passes, double accuracy, double loss) {
            Byte known = answers.get(epoch);
            if (known != null) {
                return known;
            }
            byte answer;
            if (failure != null) {
                answer = ABORT;
            } else {
                try {
                    answer = observer.epochEnded(epoch, passes, accuracy, loss) ? GO_ON : STOP;
                } catch (RuntimeException e) {
                    failure = e;
                    answer = ABORT;
                }
            }
            answers.put(epoch, answer);
            return answer;
        }
    }

    /** A relay listening on {@code address}, on a free port, that executors reach at {@code advertised}. */
    EpochRelay(InetAddress address, String advertised) {
        this.advertised = advertised;
        try {
            server = new ServerSocket(0, 64, address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for learning curves on " + address, e);
        }
        Thread accept = new Thread(this::accept, "tstar-epoch-relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    String host() {
        return advertised;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Registers a trial's observer; its id goes with the task. */
    String register(EpochObserver observer) {
        String id = Long.toString(ids.incrementAndGet());
        trials.put(id, new Registration(observer));
        return id;
    }

    /** Forgets a trial; returns what its observer threw, or null. */
    RuntimeException unregister(String id) {
        Registration r = trials.remove(id);
        if (r == null) {
            return null;
        }
        synchronized (r) {
            return r.failure;
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                handlers.execute(() -> serve(socket));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
             DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()))) {
            Registration r = trials.get(in.readUTF());
            while (true) {
                int epoch = in.readInt();
                long passes = in.readLong();
                double accuracy = in.readDouble();
                double loss = in.readDouble();
                // an unknown trial (the search already gave up on it) stops at once
                out.writeByte(r == null ? STOP : r.answer(epoch, passes, accuracy, loss));
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // the trial ended, or its executor was lost: a retried task connects again
        } catch (IOException e) {
            // as above; nothing here outlives the connection
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a listening socket: nothing to recover
        }
        handlers.shutdownNow();
    }
}
