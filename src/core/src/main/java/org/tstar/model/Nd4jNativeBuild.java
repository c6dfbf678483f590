package org.tstar.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.tstar.InvalidInputException;

/**
 * Which of ND4J's native builds a tstar JVM trains with: the generic {@code linux-x86_64} build unless
 * {@value #CHOICE_VARIABLE}{@code =avx2} asks for the AVX2 build on a CPU that has AVX2 and FMA.
 *
 * <p>Generic is the default because the AVX2 build measured no faster on tstar's trials (six interleaved rounds,
 * reports/benchmark/nd4j-build: AVX2/generic per round 0.81–1.18, medians within ±10 % either way), while every committed
 * report was made on the generic build; a trial's time goes to per-operation overhead, not to vector width.
 *
 * <p>JavaCPP reads {@value #PROPERTY} once, when ND4J's natives load, so {@link #selectBeforeNd4jLoads} must run
 * before the first ND4J class is touched (the command line, the throughput child JVM and the test launcher call it
 * first). With the AVX2 jar on the class path and no property set, JavaCPP would load the highest build it finds
 * whatever the CPU, hence the property is always set, to the empty extension for the generic build. Trials are
 * bit-identical from run to run on one build; the two builds differ in the last digits (measured on the default
 * compare, reports/benchmark/nd4j-build: validation losses within 3.1e-5 relative, every accuracy and pick the same).
 *
 * @param build  {@code generic} or {@code avx2}
 * @param reason why this build, as the run's summary states it
 */
public record Nd4jNativeBuild(String build, String reason) {
    /** The JavaCPP property naming the native build's extension of the platform ({@code -avx2}, or empty). */
    public static final String PROPERTY = "org.bytedeco.javacpp.platform.extension";
    /** The environment variable a user sets to {@code generic} or {@code avx2} to override the CPU's choice. */
    public static final String CHOICE_VARIABLE = "TSTAR_ND4J_BUILD";
    public static final String GENERIC = "generic";
    public static final String AVX2 = "avx2";
    /** A library only the AVX2 jar holds: the build is shipped when this resource is on the class path. */
    static final String AVX2_LIBRARY = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-avx2/libjnind4jcpu.so";

    private static Nd4jNativeBuild selected;

    /** The JavaCPP extension of this build: {@code -avx2} or empty. */
    public String extension() {
        return build.equals(AVX2) ? "-avx2" : "";
    }

    /** The nd4j-native classifier of this build. */
    public String classifier() {
        return "linux-x86_64" + extension();
    }

    /**
     * The build for a CPU with {@code cpuFlags} (as /proc/cpuinfo names them) when the AVX2 build is or is not
     * {@code shipped}; {@code requested} is {@value #CHOICE_VARIABLE}'s value or null (generic then). A request the
     * CPU or the class path cannot honour is refused in one line.
     */
    public static Nd4jNativeBuild choose(String requested, Set<String> cpuFlags, boolean shipped) {
        boolean capable = cpuFlags.contains("avx2") && cpuFlags.contains("fma");
        if (requested != null && !requested.isBlank()) {
            String r = requested.strip().toLowerCase(Locale.ROOT);
            if (r.equals(GENERIC)) {
                return new Nd4jNativeBuild(GENERIC, CHOICE_VARIABLE + "=generic");
            }
            if (!r.equals(AVX2)) {
                throw new InvalidInputException(CHOICE_VARIABLE + ": must be generic or avx2, got '" + requested.strip() + "'");
            }
            if (!capable) {
                throw new InvalidInputException(CHOICE_VARIABLE + "=avx2: this CPU lacks "
                        + (cpuFlags.contains("avx2") ? "FMA" : "AVX2") + " (flags in /proc/cpuinfo); use generic");
            }
            if (!shipped) {
                throw new InvalidInputException(CHOICE_VARIABLE + "=avx2: the nd4j-native linux-x86_64-avx2 jar is not "
                        + "on the class path; rebuild with: mvn -B -q -DskipTests package");
            }
            return new Nd4jNativeBuild(AVX2, CHOICE_VARIABLE + "=avx2");
        }
        if (capable && shipped) {
            return new Nd4jNativeBuild(GENERIC, "the default; " + CHOICE_VARIABLE + "=avx2 picks the AVX2 build this CPU can run");
        }
        return new Nd4jNativeBuild(GENERIC, capable ? "the default; the AVX2 build is not on the class path"
                : "the default; this CPU lacks AVX2 or FMA");
    }

    /**
     * Chooses the build for this JVM and sets {@value #PROPERTY} accordingly, once; later calls return the first
     * choice. A property already given on the command line ({@code -D}) is kept, and named as the reason.
     */
    public static synchronized Nd4jNativeBuild selectBeforeNd4jLoads() {
        if (selected != null) {
            return selected;
        }
        String given = System.getProperty(PROPERTY);
        if (given != null) {
            String build = switch (given.strip()) {
                case "" -> GENERIC;
                case "-avx2" -> AVX2;
                default -> throw new InvalidInputException("-D" + PROPERTY + ": must be empty (generic) or -avx2, got '" + given + "'");
            };
            selected = new Nd4jNativeBuild(build, "set by -D" + PROPERTY);
        } else {
            selected = choose(System.getenv(CHOICE_VARIABLE), cpuFlags(Path.of("/proc/cpuinfo")),
                    Nd4jNativeBuild.class.getClassLoader().getResource(AVX2_LIBRARY) != null);
            System.setProperty(PROPERTY, selected.extension());
        }
        return selected;
    }

    /** The flags of the first processor in a /proc/cpuinfo text; none where the file is missing (not Linux). */
    static Set<String> cpuFlags(Path cpuinfo) {
        try {
            return Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+")).collect(Collectors.toSet()))
                    .orElse(Set.of());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /**
     * The build ND4J actually loaded in this JVM, from its own report of the binary's instruction level (1 generic,
     * 2 AVX2, 3 AVX-512): what a summary states, so a JVM that loaded ND4J before the choice shows it.
     */
    public static String loaded() {
        int level = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().binaryLevel();
        return switch (level) {
            case 1 -> GENERIC;
            case 2 -> AVX2;
            case 3 -> "avx512";
            default -> "level " + level;
        };
    }

    /** The sentence a run's summary carries: the build loaded and why it was chosen. */
    public static String statement() {
        Nd4jNativeBuild chosen = selectBeforeNd4jLoads();
        String loaded = loaded();
        String name = loaded.equals(AVX2) || loaded.equals(GENERIC) ? new Nd4jNativeBuild(loaded, "").classifier() : loaded;
        return loaded.equals(chosen.build())
                ? String.format(Locale.ROOT, "ND4J native build %s (%s).", name, chosen.reason())
                : String.format(Locale.ROOT, "ND4J native build %s, although %s was chosen (%s): ND4J had loaded before the choice.",
                        name, chosen.classifier(), chosen.reason());
    }
}
