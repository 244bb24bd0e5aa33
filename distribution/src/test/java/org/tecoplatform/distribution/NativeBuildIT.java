package org.tecoplatform.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.distribution.TecoProcess.Result;

/**
 * The ND4J native build: the one the launcher reports choosing is the one a real run loads, every
 * shipped build either loads when forced or is refused naming a CPU feature this machine lacks, and
 * forcing a build a (recorded) CPU cannot run is exit 2. Nothing here assumes a CPU feature: what this
 * machine has is read from /proc/cpuinfo, as the launcher reads it.
 */
class NativeBuildIT {

    private static final Pattern VERSION_LINE = Pattern.compile("ND4J native build (\\S+) \\(");
    private static final Pattern LOADED = Pattern.compile("ND4J loaded (\\S+) \\(.*; selected (\\S+) \\(");
    private static final Path RECORDED = Path.of("../platform/launcher/src/test/resources/cpuinfo").toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void theBuildLoadedInARealRunIsTheOneTheSelectionReported() throws Exception {
        Result version = TecoProcess.run(work, "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        Matcher m = VERSION_LINE.matcher(version.out());
        assertThat(m.find()).as(version.out()).isTrue();
        String reported = m.group(1);
        assertThat(reported).isIn(shippedClassifiers());

        Result bench = benchStep(Map.of());
        assertThat(loadedAndSelected(bench)).containsExactly(reported, reported);

        Result bundles = TecoProcess.run(work, "bundles");
        assertThat(bundles.out()).contains("ND4J native build: " + reported + " (chosen for this CPU: ");
    }

    @Test
    void everyShippedBuildLoadsWhenForcedOrIsRefusedNamingAFeatureThisCpuLacks() throws Exception {
        Set<String> flags = cpuFlags(Path.of("/proc/cpuinfo"));
        for (String classifier : shippedClassifiers()) {
            Map<String, String> env = Map.of("TECO_ND4J_BUILD", classifier);
            Result version = TecoProcess.run(work, env, "--version");
            if (version.exitCode() == 0) {
                assertThat(version.out()).contains("ND4J native build " + classifier + " (forced: TECO_ND4J_BUILD=" + classifier);
                assertThat(loadedAndSelected(benchStep(env))).containsExactly(classifier, classifier);
            } else {
                assertThat(version.exitCode()).as(version.toString()).isEqualTo(2);
                Matcher lacks = Pattern.compile("lacks: ([a-z0-9_, ]+)\\.").matcher(version.err());
                assertThat(lacks.find()).as(version.err()).isTrue();
                for (String f : lacks.group(1).split(",\\s*")) {
                    assertThat(flags).as("refused for lacking %s", f).doesNotContain(f);
                }
            }
        }
    }

    @Test
    void forcingABuildTheCpuCannotRunIsExit2NamingTheMissingFeatureNotACrash() throws Exception {
        // A recorded AVX2-only CPU: the AVX-512 build would die with SIGILL there.
        Map<String, String> env = Map.of("TECO_ND4J_BUILD", "onednn-avx512",
                "TECO_JAVA_OPTS", "-Dteco.cpuinfo=" + RECORDED.resolve("epyc-zen3-avx2.txt"));
        for (List<String> args : List.of(List.of("--version"), List.of("bench", "train", "--model", "resnet"))) {
            Result r = TecoProcess.run(work, env, args.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: TECO_ND4J_BUILD=onednn-avx512 forces ND4J's linux-x86_64-onednn-avx512 build")
                    .contains("lacks: avx512f, avx512cd, avx512vl, avx512bw, avx512dq")
                    .doesNotContain("Exception").doesNotContain("SIGILL");
        }
        try (Stream<Path> crashes = Files.list(work)) {
            assertThat(crashes.filter(p -> p.getFileName().toString().startsWith("hs_err"))).isEmpty();
        }

        Result unknown = TecoProcess.run(work, Map.of("TECO_ND4J_BUILD", "turbo"), "bundles");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("TECO_ND4J_BUILD=turbo is not an ND4J native build; expected one of:");
    }

    /** One tiny training step: loads ND4J and prints which build it loaded and which was selected. */
    private Result benchStep(Map<String, String> env) throws Exception {
        Result r = TecoProcess.run(work, env, "bench", "train", "--model", "resnet", "--batch", "2", "--steps", "1", "--warmup", "1");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static List<String> loadedAndSelected(Result bench) {
        Matcher m = LOADED.matcher(bench.out());
        assertThat(m.find()).as(bench.out()).isTrue();
        return List.of(m.group(1), m.group(2));
    }

    /** Classifiers of the nd4j-native jars in the distribution's lib/. */
    private static List<String> shippedClassifiers() throws IOException {
        Pattern jar = Pattern.compile("nd4j-native-[0-9][^-]*(?:-M[0-9.]+)?-(linux-x86_64[a-z0-9-]*)\\.jar");
        try (Stream<Path> files = Files.list(TecoProcess.dist().resolve("lib"))) {
            List<String> out = files.map(p -> jar.matcher(p.getFileName().toString())).filter(Matcher::matches)
                    .map(mm -> mm.group(1)).sorted().toList();
            assertThat(out).as("nd4j-native classifier jars in lib/").isNotEmpty();
            return out;
        }
    }

    private static Set<String> cpuFlags(Path cpuinfo) throws IOException {
        for (String line : Files.readAllLines(cpuinfo)) {
            if (line.startsWith("flags")) {
                return Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
            }
        }
        return Set.of();
    }
}
