package org.tstar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.cli.TstarCommand;
import org.tstar.report.RunState;

/**
 * A comparison run from plain Java, without picocli, writes the reports the command line writes: the same
 * trials (timing aside), a completed marker, and the console lines.
 */
class ReportedRunTest {
    @TempDir
    Path dir;

    @Test
    void compareFromJavaEqualsTheCommandLine() throws Exception {
        Path space = dir.resolve("small.yaml");
        Files.writeString(space, Files.readString(Path.of("search-spaces/digits-linear.yaml"))
                .replace("name: digits-linear", "name: digits-bench")
                .replace("epochs: 20", "epochs: 2")
                .replace("grid: 25", "grid: 5"));
        StringWriter console = new StringWriter();
        boolean chose = ReportedRun.compare(PreparedSpace.load(space), RunSettings.into(dir.resolve("java")),
                new PrintWriter(console, true));
        assertThat(chose).isTrue();
        int code = TstarCommand.execute(new String[] {"compare", "--space", space.toString(), "--out",
                dir.resolve("cli").toString()}, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();

        assertThat(RunState.read(dir.resolve("java")).status()).isEqualTo(RunState.Status.COMPLETED);
        List<Map<String, String>> fromJava = trialsWithoutTiming(dir.resolve("java").resolve("trials.csv"));
        assertThat(fromJava).hasSizeGreaterThan(5); // the 5-point grid and the analytical trials
        assertThat(fromJava).isEqualTo(trialsWithoutTiming(dir.resolve("cli").resolve("trials.csv")));
        for (String file : List.of("comparison.csv", "summary.md", "metrics.prom", "temperature-curve.svg", "space.yaml")) {
            assertThat(dir.resolve("java").resolve(file)).isNotEmptyFile();
        }
        assertThat(console.toString()).contains("grid       #1 ").contains("analytical reached test accuracy");
    }

    @Test
    void settingsAreCheckedBeforeAnyFolderExists() {
        Path out = dir.resolve("never");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunSettings(out, dir, null, "127.0.0.1", 0))
                .hasMessageContaining("--resume").hasMessageContaining("--out");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunSettings(out, null, null, "127.0.0.1", 5))
                .hasMessageContaining("--metrics-linger needs --metrics-port");
        assertThat(out).doesNotExist();
    }

    private static List<Map<String, String>> trialsWithoutTiming(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file)) {
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(in).getRecords();
            return records.stream().map(r -> r.toMap().entrySet().stream()
                            .filter(e -> !e.getKey().equals("seconds"))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .toList();
        }
    }
}
