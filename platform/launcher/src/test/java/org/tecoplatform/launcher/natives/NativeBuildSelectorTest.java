package org.tecoplatform.launcher.natives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tecoplatform.launcher.natives.NativeBuild.AVX2;
import static org.tecoplatform.launcher.natives.NativeBuild.AVX512;
import static org.tecoplatform.launcher.natives.NativeBuild.GENERIC;
import static org.tecoplatform.launcher.natives.NativeBuild.ONEDNN;
import static org.tecoplatform.launcher.natives.NativeBuild.ONEDNN_AVX512;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tecoplatform.api.BadInputException;

/** The build chosen for recorded CPU flag sets (src/test/resources/cpuinfo), shipped sets and forced names. */
class NativeBuildSelectorTest {

    /** What the distribution ships (platform/launcher/pom.xml's cpu profile). */
    private static final Set<NativeBuild> SHIPPED = EnumSet.of(ONEDNN, ONEDNN_AVX512);
    private static final Set<NativeBuild> ALL = EnumSet.allOf(NativeBuild.class);
    private static final Set<NativeBuild> WITHOUT_ONEDNN = EnumSet.of(GENERIC, AVX2, AVX512);

    static CpuFeatures cpu(String file) throws IOException {
        Path p = Path.of("src/test/resources/cpuinfo", file);
        return CpuFeatures.parse(Files.readString(p), p.toString());
    }

    @ParameterizedTest(name = "{0}: shipped {1} -> {2}")
    @CsvSource({
        "epyc-zen5-avx512.txt,          SHIPPED,        ONEDNN_AVX512",
        "epyc-zen3-avx2.txt,            SHIPPED,        ONEDNN",
        "xeon-phi-knl-avx512f-only.txt, SHIPPED,        ONEDNN",
        "qemu64-sse2.txt,               SHIPPED,        ONEDNN",
        "epyc-zen5-avx512.txt,          ALL,            ONEDNN_AVX512",
        "epyc-zen3-avx2.txt,            ALL,            ONEDNN",
        "qemu64-sse2.txt,               ALL,            ONEDNN",
        "epyc-zen5-avx512.txt,          WITHOUT_ONEDNN, AVX512",
        "epyc-zen3-avx2.txt,            WITHOUT_ONEDNN, AVX2",
        "xeon-phi-knl-avx512f-only.txt, WITHOUT_ONEDNN, AVX2",
        "qemu64-sse2.txt,               WITHOUT_ONEDNN, GENERIC",
    })
    void picksTheBestShippedBuildTheCpuCanRun(String file, String shipped, NativeBuild expected) throws IOException {
        Set<NativeBuild> builds = switch (shipped) {
            case "SHIPPED" -> SHIPPED;
            case "ALL" -> ALL;
            default -> WITHOUT_ONEDNN;
        };
        NativeBuildChoice c = NativeBuildSelector.choose(cpu(file), builds, null, NativeBuilds.ENV);
        assertThat(c.build()).isEqualTo(expected);
        assertThat(c.forced()).isFalse();
        assertThat(cpu(file).missing(c.build().requires())).isEmpty();
    }

    @Test
    void theReasonNamesTheFeaturesThatDecided() throws IOException {
        NativeBuildChoice avx2 = NativeBuildSelector.choose(cpu("epyc-zen3-avx2.txt"), SHIPPED, null, NativeBuilds.ENV);
        assertThat(avx2.describe()).startsWith("linux-x86_64-onednn (chosen for this CPU: ")
                .contains("onednn-avx512 needs avx512f avx512cd avx512vl avx512bw avx512dq, which it lacks");

        NativeBuildChoice knl = NativeBuildSelector.choose(cpu("xeon-phi-knl-avx512f-only.txt"), SHIPPED, null, NativeBuilds.ENV);
        assertThat(knl.reason()).contains("onednn-avx512 needs avx512vl avx512bw avx512dq, which it lacks")
                .doesNotContain("avx512f ");

        NativeBuildChoice zen5 = NativeBuildSelector.choose(cpu("epyc-zen5-avx512.txt"), SHIPPED, null, NativeBuilds.ENV);
        assertThat(zen5.reason()).startsWith("the CPU has avx avx2 fma f16c bmi1 bmi2 avx512f avx512cd avx512vl avx512bw avx512dq");
    }

    @Test
    void unknownCpuFeaturesGetTheBuildThatNeedsNone() {
        CpuFeatures unknown = new CpuFeatures("unknown", Set.of(), "/proc/cpuinfo is not readable (no such file)");
        NativeBuildChoice c = NativeBuildSelector.choose(unknown, SHIPPED, null, NativeBuilds.ENV);
        assertThat(c.build()).isEqualTo(ONEDNN);
        assertThat(c.reason()).contains("CPU features unknown: /proc/cpuinfo is not readable");
    }

    @Test
    void aForcedBuildTheCpuCanRunIsTaken() throws IOException {
        NativeBuildChoice c = NativeBuildSelector.choose(cpu("epyc-zen5-avx512.txt"), SHIPPED, "onednn", NativeBuilds.ENV);
        assertThat(c.build()).isEqualTo(ONEDNN);
        assertThat(c.forced()).isTrue();
        assertThat(c.describe()).isEqualTo("linux-x86_64-onednn (forced: TECO_ND4J_BUILD=onednn; needs no CPU feature beyond x86-64)");
        assertThat(NativeBuildSelector.choose(cpu("epyc-zen5-avx512.txt"), SHIPPED, "linux-x86_64-onednn-avx512", "x").build())
                .isEqualTo(ONEDNN_AVX512);
    }

    @Test
    void forcingABuildTheCpuCannotRunIsRefusedNamingTheMissingFeatures() {
        assertThatThrownBy(() -> NativeBuildSelector.choose(cpu("epyc-zen3-avx2.txt"), SHIPPED, "onednn-avx512", NativeBuilds.ENV))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("TECO_ND4J_BUILD=onednn-avx512 forces ND4J's linux-x86_64-onednn-avx512 build")
                .hasMessageContaining("lacks: avx512f, avx512cd, avx512vl, avx512bw, avx512dq")
                .hasMessageContaining("Builds this CPU can run: onednn");
        assertThatThrownBy(() -> NativeBuildSelector.choose(cpu("qemu64-sse2.txt"), ALL, "avx2", NativeBuilds.ENV))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("lacks: avx, avx2, fma, f16c")
                .hasMessageContaining("Builds this CPU can run: onednn, generic");
    }

    @Test
    void unknownOrUnshippedNamesAreRefusedWithTheChoices() {
        assertThatThrownBy(() -> NativeBuildSelector.choose(cpu("epyc-zen3-avx2.txt"), SHIPPED, "fast", NativeBuilds.ENV))
                .isInstanceOf(BadInputException.class)
                .hasMessage("TECO_ND4J_BUILD=fast is not an ND4J native build; expected one of: onednn, onednn-avx512"
                        + " (or unset it to let teco choose from the CPU)");
        assertThatThrownBy(() -> NativeBuildSelector.choose(cpu("epyc-zen3-avx2.txt"), SHIPPED, "avx2", NativeBuilds.ENV))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("names ND4J's linux-x86_64-avx2 build, which this distribution does not ship; shipped: onednn, onednn-avx512");
    }

    @Test
    void namesResolveByShortNameClassifierOrExtension() {
        assertThat(NativeBuild.byName("AVX2")).contains(AVX2);
        assertThat(NativeBuild.byName("linux-x86_64-onednn")).contains(ONEDNN);
        assertThat(NativeBuild.byName("-onednn-avx512")).contains(ONEDNN_AVX512);
        assertThat(NativeBuild.byName("linux-x86_64")).contains(GENERIC);
        assertThat(NativeBuild.byName("-")).contains(GENERIC);
        assertThat(NativeBuild.byName("avx")).isEmpty();
        // JavaCPP reads an empty extension as "unset" and would then try the AVX-512 folders first.
        assertThat(GENERIC.javacppExtension()).isEqualTo("-");
        assertThat(AVX2.javacppExtension()).isEqualTo("-avx2");
    }

    @Test
    void cpuinfoParsingTakesTheFirstProcessorsModelAndFlags() {
        CpuFeatures c = CpuFeatures.parse("processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: SSE2 avx2\n\n"
                + "processor\t: 1\nmodel name\t: Other\nflags\t\t: avx512f\n", "test");
        assertThat(c.model()).isEqualTo("Test CPU");
        assertThat(c.flags()).containsExactlyInAnyOrder("sse2", "avx2");
        assertThat(c.source()).isEqualTo("test");
        assertThat(CpuFeatures.parse("processor : 0\n", "x").source()).isEqualTo("x has no flags line");
    }

    @Test
    void theRecordedZen3IsThisProjectsAvx2Machine() throws IOException {
        CpuFeatures c = cpu("epyc-zen3-avx2.txt");
        assertThat(c.model()).isEqualTo("AMD EPYC");
        assertThat(c.flags()).contains("avx2", "fma", "f16c").doesNotContain("avx512f");
    }
}
