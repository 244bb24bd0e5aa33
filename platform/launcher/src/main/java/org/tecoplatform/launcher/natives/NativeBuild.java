package org.tecoplatform.launcher.natives;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The ND4J CPU native builds of nd4j-native 1.0.0-M2.1 for x86-64 Linux, each a Maven classifier jar
 * holding {@code libnd4jcpu.so} under {@code org/nd4j/linalg/cpu/nativecpu/bindings/<classifier>/}.
 *
 * <p>{@link #requires()} is what the build's compiler flags let it execute (libnd4j's CMake: the
 * avx2 build {@code -mavx2 -mfma -mf16c}, the avx512 builds {@code -mavx512f -mavx512vl -mavx512bw
 * -mavx512dq -mavx512cd -mbmi -mbmi2} on top), in the kernel's flag names; the same sets ND4J itself
 * checks once the library has loaded. The oneDNN builds link oneDNN statically, which picks its
 * own kernels at run time; their other code is compiled like the build without oneDNN.
 */
public enum NativeBuild {

    GENERIC("generic", "", List.of()),
    AVX2("avx2", "-avx2", List.of("avx", "avx2", "fma", "f16c")),
    AVX512("avx512", "-avx512", List.of("avx", "avx2", "fma", "f16c", "bmi1", "bmi2",
            "avx512f", "avx512cd", "avx512vl", "avx512bw", "avx512dq")),
    ONEDNN("onednn", "-onednn", List.of()),
    ONEDNN_AVX512("onednn-avx512", "-onednn-avx512", AVX512.requires);

    /** JavaCPP's platform name for these builds. */
    public static final String PLATFORM = "linux-x86_64";

    private final String shortName;
    private final String suffix;
    private final List<String> requires;

    NativeBuild(String shortName, String suffix, List<String> requires) {
        this.shortName = shortName;
        this.suffix = suffix;
        this.requires = requires;
    }

    /** The name a user forces it by ({@code TECO_ND4J_BUILD=avx2}). */
    public String shortName() {
        return shortName;
    }

    /** The Maven classifier of its nd4j-native jar, also the folder JavaCPP extracts it to. */
    public String classifier() {
        return PLATFORM + suffix;
    }

    /** CPU flags (as in /proc/cpuinfo) it needs. */
    public List<String> requires() {
        return requires;
    }

    /**
     * The value of {@code org.bytedeco.javacpp.platform.extension} that makes JavaCPP load this build.
     * JavaCPP tries the given extension, then none. The plain build has no extension of its own, and an
     * empty value means "unset" (JavaCPP then tries every extension Nd4jCpu declares, AVX-512 first), so
     * it gets "-": one of the extensions Nd4jCpu declares that no jar provides, leaving only the plain
     * folder. The other JavaCPP libraries (OpenBLAS, FFmpeg) have no such folders and load their plain ones.
     */
    public String javacppExtension() {
        return suffix.isEmpty() ? "-" : suffix;
    }

    /** The resource that is there when this build's jar is on the class path. */
    public String libraryResource() {
        return "org/nd4j/linalg/cpu/nativecpu/bindings/" + classifier() + "/libnd4jcpu.so";
    }

    /** The build named by a short name, a classifier or a JavaCPP extension ("avx2", "linux-x86_64-avx2", "-avx2"). */
    public static Optional<NativeBuild> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (NativeBuild b : values()) {
            if (n.equals(b.shortName) || n.equals(b.classifier()) || n.equals(b.javacppExtension())) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
