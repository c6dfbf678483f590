package org.tstar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refused input ends in one line on stderr that names it, exit code 2, and no stack trace. */
class BadInputTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeBadFiles() throws IOException {
        Files.writeString(dir.resolve("columns.csv"), "a,b,label\n1,2,x\n3,x\n");
        Files.writeString(dir.resolve("text.csv"), "a,b,label\n1,2,x\n3,abc,y\n");
        Files.writeString(dir.resolve("nan.csv"), "a,b,label\n1,2,x\n3,NaN,y\n");
        StringBuilder small = new StringBuilder("a,label\n");
        for (int i = 0; i < 30; i++) {
            small.append(i).append(",common\n");
        }
        small.append("1,rare\n");
        Files.writeString(dir.resolve("small.csv"), small);
        writeTruncatedIdx(dir);
    }

    /** {@code images.idx} whose header promises 12 bytes of pixels but holds 10, and its {@code labels.idx}. */
    static void writeTruncatedIdx(Path folder) throws IOException {
        ByteBuffer images = ByteBuffer.allocate(16 + 10);
        images.putInt(0x803).putInt(3).putInt(2).putInt(2).put(new byte[10]);
        Files.write(folder.resolve("images.idx"), images.array());
        ByteBuffer labels = ByteBuffer.allocate(8 + 3);
        labels.putInt(0x801).putInt(3).put(new byte[3]);
        Files.write(folder.resolve("labels.idx"), labels.array());
    }

    static Stream<Arguments> cases() {
        String d = dir.toString();
        return Stream.of(
                Arguments.of("missing file", "csv:" + d + "/absent.csv", "0.5", "absent.csv: no such file"),
                Arguments.of("wrong column count", "csv:" + d + "/columns.csv", "1", "line 3 has 2 columns"),
                Arguments.of("non-numeric feature", "csv:" + d + "/text.csv", "1", "'abc' is not a number"),
                Arguments.of("NaN feature", "csv:" + d + "/nan.csv", "1", "NaN is not finite"),
                Arguments.of("label column absent", "csv:" + d + "/text.csv#label=kind", "1", "no label column 'kind'"),
                Arguments.of("idx header vs size", "idx:" + d + "/images.idx," + d + "/labels.idx", "1",
                        "12 bytes of data, the file holds 10"),
                Arguments.of("class too small", "csv:" + d + "/small.csv", "1", "'rare' has 1 samples"),
                Arguments.of("zero temperature", "digits", "0", "--temperatures: temperature must be in [1.0E-4, 10000.0], got 0.0"),
                Arguments.of("negative temperature", "digits", "-2", "got -2.0"),
                Arguments.of("NaN temperature", "digits", "NaN", "got NaN"),
                Arguments.of("text temperature", "digits", "warm", "'warm' is not a number"),
                Arguments.of("unknown data source", "parquet:x", "1", "unknown source 'parquet'"),
                Arguments.of("synthetic field", "synthetic:n=100,dim=2,classes=1,sep=1,seed=1", "1", "classes must be ≥ 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithOneLineAndExitCode2(String name, String data, String temperatures, String expected) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TstarCommand.execute(new String[] {"train", "--data", data, "--temperatures", temperatures,
                "--epochs", "1"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(2);
        String message = err.toString().strip();
        assertThat(message.lines()).hasSize(1);
        assertThat(message).startsWith("tstar: ").contains(expected).doesNotContain("Exception").doesNotContain("\tat ");
    }

    static Stream<Arguments> estimateCases() throws IOException {
        String d = dir.toString();
        Files.writeString(dir.resolve("missing-delta.yaml"), "alpha: 0.7\nbeta: -4\ngamma: 0\nminTemperature: 0.1\nmaxTemperature: 10\n");
        Files.writeString(dir.resolve("text-alpha.yaml"),
                "alpha: big\nbeta: -4\ngamma: 0\ndelta: 0\nminTemperature: 0.1\nmaxTemperature: 10\n");
        Files.writeString(dir.resolve("one-class.csv"), "a,label\n1,x\n2,x\n3,x\n");
        StringBuilder few = new StringBuilder("a,label\n");
        for (int i = 0; i < 40; i++) {
            few.append(i % 7).append(i < 37 ? ",common\n" : ",rare\n");
        }
        Files.writeString(dir.resolve("few.csv"), few);
        return Stream.of(
                Arguments.of(new String[] {"--coefficients", d + "/missing-delta.yaml"}, "delta: missing"),
                Arguments.of(new String[] {"--coefficients", d + "/text-alpha.yaml"}, "alpha: 'big' is not a finite number"),
                Arguments.of(new String[] {"--coefficients", d + "/absent.yaml"}, "no such coefficients file"),
                Arguments.of(new String[] {"--head", "mlp", "--hidden", "0"}, "widths must be ≥ 1, got 0"),
                Arguments.of(new String[] {"--data", "csv:" + d + "/one-class.csv"}, "needs at least 2 classes, found 1"),
                Arguments.of(new String[] {"--data", "csv:" + d + "/nan.csv"}, "NaN is not finite"),
                Arguments.of(new String[] {"--data", "csv:" + d + "/few.csv", "--csg-neighbours", "3"},
                        "'rare' has 1 samples"));
    }

    @ParameterizedTest(name = "estimate {1}")
    @MethodSource("estimateCases")
    void estimateRefusesWithOneLine(String[] args, String expected) {
        StringWriter err = new StringWriter();
        String[] full = Stream.concat(Stream.of("estimate"), Stream.of(args)).toArray(String[]::new);
        int code = TstarCommand.execute(full, new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains(expected).doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "flag: {0}")
    @MethodSource("flags")
    void badFlagsAreOneLineToo(String flag, String value) {
        StringWriter err = new StringWriter();
        int code = TstarCommand.execute(new String[] {"train", flag, value}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains(value.isEmpty() ? flag : value);
    }

    static Stream<Arguments> flags() {
        return Stream.of(Arguments.of("--epochs", "many"), Arguments.of("--head", "transformer"),
                Arguments.of("--updater", "lbfgs"), Arguments.of("--feature-map", "relu:0"),
                Arguments.of("--learning-rate", "-1"), Arguments.of("--nonsense", "1"));
    }
}
