package org.tstar.search.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tstar.InvalidInputException;

/**
 * Seeded random mutations of a valid space file: the parser either accepts a valid space or refuses with one
 * line naming the file; anything else (an uncaught exception, a multi-line message) fails with the seed and text.
 */
class SpaceFileFuzzTest {
    private static final long SEED = 20_261_124L;
    private static final int MUTATIONS = 4_000;
    private static final String[] FRAGMENTS = {":", ": ", "-", "- ", "{", "}", "[", "]", ",", "'", "\"", "&a", "*a",
        "!!", "!!binary", "!!java.lang.Object", "@class", "#", "|", ">", "?", "%", "\t", "\n", "  ", "0", "-1", "1e309",
        "NaN", ".nan", ".inf", "-.inf", "~", "null", "true", "yes", "0x1F", "1_000", "9999999999999999999", "é", "\u0000",
        "\uFEFF", "<<: *a", "---", "..."};

    @Test
    void mutatedSpaceFilesAreAcceptedOrRefusedInOneLine() throws Exception {
        String valid = Files.readString(Path.of("search-spaces/synthetic-width.yaml"));
        Random random = new Random(SEED);
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String text = valid;
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                text = mutate(text, random);
            }
            try {
                SearchSpaceDefinition space = SpaceFileReader.parse(text, "fuzz.yaml");
                assertThat(space.name()).isNotBlank();
                accepted++;
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).as("mutation %d:%n%s", i, text).startsWith("fuzz.yaml").doesNotContain("\n");
                refused++;
            } catch (RuntimeException | StackOverflowError e) {
                fail("mutation %d (seed %d) threw %s: %s%n--- text:%n%s", i, SEED, e.getClass().getName(), e.getMessage(), text);
            }
        }
        // The mix must exercise both sides, or the mutations are not testing the parser.
        assertThat(accepted).isGreaterThan(MUTATIONS / 50);
        assertThat(refused).isGreaterThan(MUTATIONS / 2);
    }

    private static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return FRAGMENTS[random.nextInt(FRAGMENTS.length)];
        }
        int at = random.nextInt(text.length());
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        switch (random.nextInt(8)) {
            case 0 -> {
                return text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(8)));
            }
            case 1 -> {
                return text.substring(0, at) + FRAGMENTS[random.nextInt(FRAGMENTS.length)] + text.substring(at);
            }
            case 2 -> {
                int line = random.nextInt(lines.size());
                lines.add(line, lines.get(random.nextInt(lines.size())));
                return String.join("\n", lines);
            }
            case 3 -> {
                lines.remove(random.nextInt(lines.size()));
                return String.join("\n", lines);
            }
            case 4 -> {
                return text.replaceFirst("(?<=: )[-0-9.e]+", FRAGMENTS[random.nextInt(FRAGMENTS.length)]
                        .replace("$", "").replace("\\", ""));
            }
            case 5 -> {
                // A value replaced with another key's value: a list, a map or a word where a number belongs.
                String[] values = {"[1, 2]", "{a: 1}", "relu", "accuracy", "", "digits", "adam", "-3", "0.0", "2.5"};
                int line = random.nextInt(lines.size());
                String l = lines.get(line);
                int colon = l.indexOf(": ");
                if (colon > 0) {
                    lines.set(line, l.substring(0, colon + 2) + values[random.nextInt(values.length)]);
                }
                return String.join("\n", lines);
            }
            case 6 -> {
                int line = random.nextInt(lines.size());
                String l = lines.get(line);
                lines.set(line, random.nextBoolean() ? "  " + l : l.stripLeading());
                return String.join("\n", lines);
            }
            default -> {
                return text.substring(0, at);
            }
        }
    }
}
