package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tstar.cli.CompareCommandTest.tstar;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs that used to hang or exhaust memory: a FIFO, a device, a 50 MB scalar, a million columns, absurd
 * temperatures. Each gets one short line and exit 2 within 5 s, and no folder is created.
 */
class HostileInputTest {
    @TempDir
    static Path dir;
    static Path fifo;
    static Path space;

    @BeforeAll
    static void files() throws Exception {
        fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor(10, TimeUnit.SECONDS)).isTrue();
        space = dir.resolve("space.yaml");
        Files.writeString(space, Files.readString(Path.of("search-spaces/digits-linear.yaml")));
    }

    @Test
    void aFifoOrADeviceIsRefusedAtOnce() {
        refusedQuickly("not a regular file (a pipe, socket or device)", "compare", "--space", fifo.toString());
        refusedQuickly("not a regular file (a pipe, socket or device)", "compare", "--space", "/dev/zero");
        refusedQuickly("not a regular file (a pipe, socket or device)", "estimate", "--data", "csv:/dev/zero");
        refusedQuickly("not a regular file (a pipe, socket or device)", "estimate", "--data", "csv:" + fifo);
        refusedQuickly("not a regular file (a pipe, socket or device)", "estimate", "--data", "idx:" + fifo + "," + fifo);
        refusedQuickly("not a regular file (a folder)", "compare", "--space", dir.toString());
        refusedQuickly("not a regular file (a pipe, socket or device)", "estimate", "--data", "digits",
                "--coefficients", "/dev/zero");
    }

    @Test
    void aFiftyMegabyteScalarIsRefusedBeforeParsing() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (Writer out = Files.newBufferedWriter(big)) {
            out.write("name: \"");
            char[] block = new char[1 << 20];
            java.util.Arrays.fill(block, 'x');
            for (int i = 0; i < 50; i++) {
                out.write(block);
            }
            out.write("\"\n");
        }
        refusedQuickly("more than the 1048576 tstar reads from such a file", "compare", "--space", big.toString());
    }

    @Test
    void aLongValueIsQuotedShort() throws IOException {
        Path file = dir.resolve("long.yaml");
        Files.writeString(file, Files.readString(space).replace("epochs: 20", "epochs: " + "9".repeat(100_000)));
        String line = refusedQuickly("training.epochs: '99999", "compare", "--space", file.toString());
        assertThat(line).contains("(100000 characters)");
    }

    @Test
    void aMillionColumnsAreRefusedWithoutBuildingTheirCovariance() throws IOException {
        Path wide = dir.resolve("wide.csv");
        int width = 1_000_000;
        try (Writer out = Files.newBufferedWriter(wide)) {
            out.write("label");
            for (int j = 0; j < width; j++) {
                out.write(",f" + j);
            }
            out.write("\n");
            String zeros = ",0".repeat(width);
            for (int i = 0; i < 30; i++) {
                out.write(i % 2 + zeros + "\n");
            }
        }
        refusedQuickly("1000000 feature columns, more than the 65536", "estimate", "--data", "csv:" + wide + "#label=label");
    }

    @Test
    void temperaturesOutsideTheDocumentedRangeAreRefused() throws IOException {
        Path tiny = dir.resolve("tiny.yaml");
        Files.writeString(tiny, Files.readString(space).replace("min: 0.05", "min: 1e-300"));
        refusedQuickly("temperature.min: must be in [1.0E-4, 10000.0], got 1.0E-300", "compare", "--space", tiny.toString());
        Path huge = dir.resolve("huge.yaml");
        Files.writeString(huge, Files.readString(space).replace("max: 50", "max: 1e300"));
        refusedQuickly("temperature.max: must be ≤ 10000.0", "compare", "--space", huge.toString());
        refusedQuickly("--temperatures: temperature must be in [1.0E-4, 10000.0], got 1.0E300", "train",
                "--temperatures", "1e300");
    }

    /** Runs the command, expects exit 2 with one line of at most 700 characters containing {@code expected}. */
    private static String refusedQuickly(String expected, String... args) {
        Path out = dir.resolve("never-" + Math.abs(String.join(" ", args).hashCode()));
        String[] withOut = args[0].equals("compare") ? concat(args, "--out", out.toString()) : args;
        long start = System.nanoTime();
        CompareCommandTest.Run run = tstar(withOut);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(run.code()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
        assertThat(run.err().strip().lines()).as(run.err()).hasSize(1);
        String line = run.err().strip();
        assertThat(line).contains(expected).hasSizeLessThanOrEqualTo(700);
        assertThat(took).as(String.join(" ", args)).isLessThan(Duration.ofSeconds(5));
        assertThat(out).doesNotExist();
        return line;
    }

    private static String[] concat(String[] a, String... b) {
        return java.util.stream.Stream.concat(List.of(a).stream(), List.of(b).stream()).toArray(String[]::new);
    }
}
