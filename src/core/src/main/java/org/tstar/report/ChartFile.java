package org.tstar.report;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart into a report folder as PNG (and SVG when asked), each under a temporary name first and moved into
 * place once whole, so a run stopped mid-write never leaves a truncated plot that looks complete.
 */
final class ChartFile {
    private ChartFile() {
    }

    /** Writes {@code name.png}, and {@code name.svg} when {@code vector}. */
    static void save(ReportFolder folder, String name, Chart<?, ?> chart, boolean vector) {
        Path partial = folder.file(name + ".partial");
        encode(folder, name, "png", () -> BitmapEncoder.saveBitmap(chart, partial.toString(), BitmapEncoder.BitmapFormat.PNG));
        if (vector) {
            encode(folder, name, "svg", () -> VectorGraphicsEncoder.saveVectorGraphic(chart, partial.toString(),
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        }
    }

    /** An XChart encoder writing {@code name.partial.EXT}. */
    private interface Encoder {
        void write() throws IOException;
    }

    /** Runs the encoder (XChart appends the extension to the partial name) and moves its file into place. */
    private static void encode(ReportFolder folder, String name, String extension, Encoder encoder) {
        Path written = folder.file(name + ".partial." + extension);
        try {
            encoder.write();
        } catch (IOException e) {
            ReportFolder.deleteQuietly(written);
            throw new ReportWriteException(folder.file(name + "." + extension), e);
        }
        folder.moveIntoPlace(written, name + "." + extension);
    }
}
