package org.tecoplatform.launcher.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tecoplatform.launcher.natives.NativeBuilds;

/**
 * What {@code teco bench train} and {@code teco bench tokenize} print besides times: analytic FLOP
 * counts of kit graphs, peak resident memory, and which ND4J native build is loaded (the peak
 * arithmetic rate is {@link MachinePeak}).
 */
final class BenchFigures {

    private BenchFigures() {
    }

    static long product(int[] s) {
        long n = 1;
        for (int v : s) {
            n *= v;
        }
        return n;
    }

    /** Peak resident set (VmHWM) of this JVM in bytes, or -1 where /proc is not there. */
    static long peakRssBytes() {
        return procStatus("VmHWM:");
    }

    static long rssBytes() {
        return procStatus("VmRSS:");
    }

    private static long procStatus(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String[] f = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    static String mb(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", bytes / 1e6);
    }

    /**
     * The ND4J native build this JVM loaded (read from its memory map) and the one the launcher chose
     * with its reason, plus the build flags ND4J reports; loads ND4J if nothing has yet.
     */
    static String nd4jBuild() {
        org.nd4j.linalg.factory.Nd4j.getExecutioner();
        String loaded = NativeBuilds.loaded().orElse("?");
        String flags;
        try {
            Object info = org.nd4j.linalg.factory.Nd4j.getExecutioner().getEnvironmentInformation();
            String build = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
            List<String> have = Arrays.stream(build.split("\\R")).map(String::trim)
                    .filter(s -> s.startsWith("HAVE_") && !s.equals("HAVE_FLATBUFFERS")).toList();
            String blas = info instanceof java.util.Map<?, ?> m ? String.valueOf(m.get("blas.vendor")) : "?";
            flags = "blas " + blas + (have.isEmpty() ? "" : ", " + String.join(" ", have));
        } catch (RuntimeException | LinkageError e) {
            flags = "build info unavailable: " + e;
        }
        return "loaded " + loaded + " (" + flags + "); selected " + NativeBuilds.describe();
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
