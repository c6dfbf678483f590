package org.tstar.bench;

import java.util.Locale;

/**
 * A suite's count of runs (tasks × seeds) and the time left: the runs this process trained so far set the pace for
 * the ones left, so runs kept from an interrupted suite count as done but not as time spent.
 */
final class SuiteProgress {
    private final int total;
    private final long startNanos = System.nanoTime();
    private int kept;
    private int ran;

    SuiteProgress(int total) {
        this.total = total;
    }

    void kept() {
        kept++;
    }

    void ran() {
        ran++;
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** "[done/total elapsed s, ETA …]" for a task line; no ETA before the first run of this process ends. */
    String prefix(int done) {
        double elapsed = elapsedSeconds();
        int left = total - done;
        String eta = ran == 0 || left == 0 ? "" : ", ETA " + duration(elapsed / ran * left);
        return String.format(Locale.ROOT, "[%d/%d %.0f s%s]", done, total, elapsed, eta);
    }

    /** How long the suite took, said for a resumed one as this process's time beside the runs it kept. */
    String took() {
        return String.format(Locale.ROOT, "%.0f s", elapsedSeconds())
                + (kept == 0 ? "" : " (this run; " + kept + " run(s) were finished before an interruption and kept)");
    }

    static String duration(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : seconds < 7200 ? String.format(Locale.ROOT, "%.0f min", seconds / 60)
                : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
