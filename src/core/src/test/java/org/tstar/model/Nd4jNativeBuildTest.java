package org.tstar.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tstar.InvalidInputException;

/**
 * The ND4J build follows the CPU's flags and the user's override, refuses what the CPU cannot run, and is the one
 * ND4J actually loaded in this JVM.
 */
class Nd4jNativeBuildTest {
    private static final Set<String> HASWELL = Set.of("sse4_2", "avx", "avx2", "fma");
    private static final Set<String> SANDY_BRIDGE = Set.of("sse4_2", "avx");

    @Test
    void genericByDefaultAndTheReasonSaysWhetherAvx2CouldBeAskedFor() {
        assertThat(Nd4jNativeBuild.choose(null, HASWELL, true)).extracting(Nd4jNativeBuild::build, Nd4jNativeBuild::classifier,
                Nd4jNativeBuild::extension).containsExactly("generic", "linux-x86_64", "");
        assertThat(Nd4jNativeBuild.choose(null, HASWELL, true).reason()).contains("TSTAR_ND4J_BUILD=avx2 picks the AVX2 build");
        assertThat(Nd4jNativeBuild.choose(null, SANDY_BRIDGE, true).reason()).isEqualTo("the default; this CPU lacks AVX2 or FMA");
        assertThat(Nd4jNativeBuild.choose(null, Set.of("avx2"), true).reason()).as("AVX2 without FMA").contains("lacks AVX2 or FMA");
        assertThat(Nd4jNativeBuild.choose(null, HASWELL, false)).extracting(Nd4jNativeBuild::build, Nd4jNativeBuild::reason)
                .containsExactly("generic", "the default; the AVX2 build is not on the class path");
        assertThat(Nd4jNativeBuild.choose("", HASWELL, true).build()).as("an empty variable is no request").isEqualTo("generic");
    }

    @Test
    void theUsersRequestWinsUnlessTheCpuCannotRunIt() {
        assertThat(Nd4jNativeBuild.choose("generic", HASWELL, true)).extracting(Nd4jNativeBuild::build, Nd4jNativeBuild::extension)
                .containsExactly("generic", "");
        assertThat(Nd4jNativeBuild.choose(" AVX2 ", HASWELL, true)).extracting(Nd4jNativeBuild::build, Nd4jNativeBuild::classifier,
                Nd4jNativeBuild::extension, Nd4jNativeBuild::reason)
                .containsExactly("avx2", "linux-x86_64-avx2", "-avx2", "TSTAR_ND4J_BUILD=avx2");
        assertThatThrownBy(() -> Nd4jNativeBuild.choose("avx2", SANDY_BRIDGE, true)).isInstanceOf(InvalidInputException.class)
                .hasMessage("TSTAR_ND4J_BUILD=avx2: this CPU lacks AVX2 (flags in /proc/cpuinfo); use generic");
        assertThatThrownBy(() -> Nd4jNativeBuild.choose("avx2", Set.of("avx2"), true)).hasMessageContaining("lacks FMA");
        assertThatThrownBy(() -> Nd4jNativeBuild.choose("avx2", HASWELL, false)).hasMessageContaining("not on the class path");
        assertThatThrownBy(() -> Nd4jNativeBuild.choose("avx512", HASWELL, true)).isInstanceOf(InvalidInputException.class)
                .hasMessage("TSTAR_ND4J_BUILD: must be generic or avx2, got 'avx512'");
    }

    @Test
    void cpuFlagsAreReadFromTheFirstProcessor(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: x\nflags\t\t: fpu sse4_2 avx avx2 fma\n\nprocessor\t: 1\nflags\t\t: fpu\n");
        assertThat(Nd4jNativeBuild.cpuFlags(cpuinfo)).containsExactlyInAnyOrder("fpu", "sse4_2", "avx", "avx2", "fma");
        assertThat(Nd4jNativeBuild.cpuFlags(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void theBuildChosenForThisJvmIsTheOneNd4jLoaded() {
        Nd4jNativeBuild chosen = Nd4jNativeBuild.selectBeforeNd4jLoads();
        if (System.getenv(Nd4jNativeBuild.CHOICE_VARIABLE) == null) {
            assertThat(chosen.build()).isEqualTo("generic");
        }
        assertThat(System.getProperty(Nd4jNativeBuild.PROPERTY)).isEqualTo(chosen.extension());
        org.nd4j.linalg.factory.Nd4j.ones(2, 2).sumNumber();
        assertThat(Nd4jNativeBuild.loaded()).isEqualTo(chosen.build());
        assertThat(Nd4jNativeBuild.statement()).startsWith("ND4J native build " + chosen.classifier() + " (");
        assertThat(Nd4jNativeBuild.selectBeforeNd4jLoads()).as("chosen once").isSameAs(chosen);
    }
}
