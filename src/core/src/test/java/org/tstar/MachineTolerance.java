package org.tstar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;

/**
 * How a test compares a number computed here with one committed from another machine: floating results differ in
 * their last digits between CPUs (a fit's RMSE by 1.3e-10 relative), so such a comparison states its tolerance.
 * Bit-equality is asserted only between two runs inside one test.
 */
public final class MachineTolerance {
    /** Fitted coefficients and prior weights: CPU noise is ~1e-10 relative; an edit of 1e-3 is far outside. */
    public static final double FITTED_RELATIVE = 1e-6;

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.(\\d+))?");

    private MachineTolerance() {
    }

    /** Within {@code relative} of {@code expected} (with a floor of 1e-12 for a coefficient that is 0). */
    public static Offset<Double> relative(double expected, double relative) {
        return Offset.offset(Math.max(Math.abs(expected) * relative, 1e-12));
    }

    /** Within one unit of the last of {@code digits} significant digits of {@code expected}: a rounded number may flip there. */
    public static Offset<Double> lastDigit(double expected, int digits) {
        double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(expected))) - digits + 1);
        return Offset.offset(unit * 1.000001);
    }

    /**
     * {@code actual} is {@code expected} as a reader sees it: the same words, signs, layout and whole numbers, and
     * each decimal number within one unit of the last digit {@code expected} prints (a value computed on another CPU can round the other
     * way at a boundary, never further).
     */
    public static void assertSamePrintedText(String actual, String expected) {
        List<String> actualNumbers = new ArrayList<>();
        List<String> expectedNumbers = new ArrayList<>();
        assertThat(skeleton(actual, actualNumbers)).as("the text around the numbers").isEqualTo(skeleton(expected, expectedNumbers));
        for (int i = 0; i < expectedNumbers.size(); i++) {
            String e = expectedNumbers.get(i);
            String a = actualNumbers.get(i);
            Matcher m = NUMBER.matcher(e);
            m.matches();
            if (m.group(1) == null) {
                // a whole number is a count or a setting, not a rounded value: it must be the same
                assertThat(a).as("number %d of the text (a whole number)", i + 1).isEqualTo(e);
                continue;
            }
            double unit = Math.pow(10, -m.group(1).length());
            assertThat(Double.parseDouble(a)).as("number %d of the text (%s printed, %s expected)", i + 1, a, e)
                    .isCloseTo(Double.parseDouble(e), Offset.offset(unit * 1.000001));
        }
    }

    /** {@code text} with every number replaced by '#', the numbers collected in order. */
    private static String skeleton(String text, List<String> numbers) {
        Matcher m = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            numbers.add(m.group());
            m.appendReplacement(out, "#");
        }
        return m.appendTail(out).toString();
    }
}
