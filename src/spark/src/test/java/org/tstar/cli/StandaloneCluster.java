package org.tstar.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1 for tests: Spark's own {@code Master} and {@code Worker} daemons
 * (the classes {@code start-master.sh}/{@code start-worker.sh} run, from the Maven-served jars on the test's
 * classpath), each in its own JVM; the worker launches executor JVMs as on any cluster. Closing stops both.
 */
final class StandaloneCluster implements AutoCloseable {
    /** Spark's Java 17 flags: this test JVM's own, from surefire's argLine (the pom's {@code spark.java17.opens}). */
    static final List<String> JAVA_17_OPENS = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
            .stream().filter(a -> a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect")).toList();

    private final Process master;
    private final Process worker;
    private final String url;
    private final Path dir;

    private StandaloneCluster(Process master, Process worker, String url, Path dir) {
        this.master = master;
        this.worker = worker;
        this.url = url;
        this.dir = dir;
    }

    /** Starts a master and one worker with {@code cores} cores in {@code dir}, and waits until the worker registered. */
    static StandaloneCluster start(Path dir, int cores) throws IOException, InterruptedException {
        int port = freePort();
        String url = "spark://127.0.0.1:" + port;
        // the worker launches executors from SPARK_HOME's jars/ folder, which must exist; the classes come from
        // spark.executor.extraClassPath (the test's classpath: one machine)
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(home.resolve("jars"));
        Process master = daemon(dir.resolve("master.log"), home, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        Process worker = null;
        try {
            awaitLine(dir.resolve("master.log"), "I have been elected leader", master, 60);
            worker = daemon(dir.resolve("worker.log"), home, "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--webui-port", Integer.toString(freePort()), "--cores", Integer.toString(cores),
                    "--memory", "3g", "--work-dir", Files.createDirectories(dir.resolve("work")).toString(), url);
            awaitLine(dir.resolve("worker.log"), "Successfully registered with master", worker, 60);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(worker);
            stop(master);
            throw e;
        }
        return new StandaloneCluster(master, worker, url, dir);
    }

    String url() {
        return url;
    }

    /** Spark settings a driver on this machine needs: loopback, and the executors' classes from the test's classpath. */
    List<String> driverOptions() {
        return List.of("--spark-conf", "spark.driver.host=127.0.0.1",
                "--spark-conf", "spark.executor.extraClassPath=" + System.getProperty("java.class.path"),
                "--spark-conf", "spark.executor.memory=1g",
                "--spark-conf", "spark.ui.enabled=false");
    }

    /** The executor JVMs the worker runs now. */
    List<ProcessHandle> executors() {
        List<ProcessHandle> found = new ArrayList<>();
        worker.descendants().filter(p -> commandLine(p).contains("CoarseGrainedExecutorBackend")).forEach(found::add);
        return found;
    }

    /** The process's command line from /proc (ProcessHandle.Info leaves out one as long as an executor's classpath). */
    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills the worker's executors with SIGKILL, as a lost machine would; returns how many were killed. */
    int killExecutors() {
        List<ProcessHandle> executors = executors();
        executors.forEach(ProcessHandle::destroyForcibly);
        return executors.size();
    }

    /** Kills the worker and its executors with SIGKILL: the cluster has no executor left. */
    void killWorker() throws InterruptedException {
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        worker.descendants().forEach(ProcessHandle::destroyForcibly);
        stop(worker);
        stop(master);
    }

    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Process daemon(Path log, Path home, String mainClass, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dorg.slf4j.simpleLogger.log.org.apache.spark=info"));
        command.addAll(JAVA_17_OPENS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SPARK_HOME", home.toString());
        // without it Spark's launcher looks for a source build's launcher/target/scala-* folders
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private static void awaitLine(Path log, String text, Process process, int seconds)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Spark daemon exited: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no '" + text + "' in " + log + " within " + seconds + " s: "
                + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
