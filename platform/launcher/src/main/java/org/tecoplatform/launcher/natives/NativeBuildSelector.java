package org.tecoplatform.launcher.natives;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.tecoplatform.api.BadInputException;

/**
 * Which ND4J native build serves a CPU: the first build in {@link #PREFERENCE} that is shipped and
 * whose instruction-set needs the CPU meets; or the one the user forces, refused when the CPU cannot
 * run it (loading it would kill the JVM with SIGILL).
 */
public final class NativeBuildSelector {

    /**
     * Best first, from {@code teco bench train} (the kit's transformer and ResNet steps, and TECO's
     * quickstart step) on each build: see the table in {@code platform/launcher/NATIVE-BUILDS.md}. On
     * AVX2 and on SSE4.1-limited runs the oneDNN build beat the avx2 and plain ones (oneDNN's
     * convolutions, 2-3x); on AVX-512 the earlier figures put onednn-avx512 and avx512 ahead of onednn.
     */
    public static final List<NativeBuild> PREFERENCE = List.of(
            NativeBuild.ONEDNN_AVX512, NativeBuild.AVX512, NativeBuild.ONEDNN, NativeBuild.AVX2, NativeBuild.GENERIC);

    private NativeBuildSelector() {
    }

    /**
     * @param cpu     the CPU's features
     * @param shipped the builds on the class path
     * @param forced  the name the user forced ({@code null} for none) and {@code forcedBy}, where it came from
     */
    public static NativeBuildChoice choose(CpuFeatures cpu, Set<NativeBuild> shipped, String forced, String forcedBy) {
        if (shipped.isEmpty()) {
            throw new IllegalArgumentException("no ND4J CPU build is shipped");
        }
        if (forced != null) {
            return forced(cpu, shipped, forced, forcedBy);
        }
        List<String> passedOver = new ArrayList<>();
        for (NativeBuild b : PREFERENCE) {
            if (!shipped.contains(b)) {
                continue;
            }
            List<String> missing = cpu.missing(b.requires());
            if (missing.isEmpty()) {
                String has = b.requires().isEmpty() ? "it needs no CPU feature beyond x86-64"
                        : "the CPU has " + String.join(" ", b.requires());
                String unknown = cpu.flags().isEmpty() ? " (CPU features unknown: " + cpu.source() + ")" : "";
                return new NativeBuildChoice(b, false, has + unknown
                        + (passedOver.isEmpty() ? "" : "; " + String.join("; ", passedOver)), cpu);
            }
            passedOver.add(b.shortName() + " needs " + String.join(" ", missing) + ", which it lacks");
        }
        throw new IllegalStateException("no shipped ND4J build runs on this CPU: " + String.join("; ", passedOver)
                + " (shipped: " + names(shipped) + ")");
    }

    private static NativeBuildChoice forced(CpuFeatures cpu, Set<NativeBuild> shipped, String name, String forcedBy) {
        NativeBuild b = NativeBuild.byName(name).orElseThrow(() -> new BadInputException(
                forcedBy + "=" + name + " is not an ND4J native build; expected one of: " + names(shipped)
                        + " (or unset it to let teco choose from the CPU)"));
        if (!shipped.contains(b)) {
            throw new BadInputException(forcedBy + "=" + name + " names ND4J's " + b.classifier()
                    + " build, which this distribution does not ship; shipped: " + names(shipped));
        }
        List<String> missing = cpu.missing(b.requires());
        if (!missing.isEmpty()) {
            List<String> runnable = PREFERENCE.stream().filter(shipped::contains)
                    .filter(x -> cpu.missing(x.requires()).isEmpty()).map(NativeBuild::shortName).toList();
            throw new BadInputException(forcedBy + "=" + name + " forces ND4J's " + b.classifier()
                    + " build, which needs CPU features this CPU (" + cpu.model() + ", " + cpu.source() + ") lacks: "
                    + String.join(", ", missing) + ". Builds this CPU can run: " + String.join(", ", runnable)
                    + " (or unset " + forcedBy + " to let teco choose)");
        }
        String has = b.requires().isEmpty() ? "needs no CPU feature beyond x86-64" : "the CPU has " + String.join(" ", b.requires());
        return new NativeBuildChoice(b, true, forcedBy + "=" + name + "; " + has, cpu);
    }

    static String names(Set<NativeBuild> builds) {
        return Arrays.stream(NativeBuild.values()).filter(builds::contains).map(NativeBuild::shortName)
                .collect(Collectors.joining(", "));
    }
}
