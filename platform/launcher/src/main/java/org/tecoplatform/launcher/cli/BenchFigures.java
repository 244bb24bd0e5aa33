package org.tecoplatform.launcher.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code teco bench train} and {@code teco bench tokenize} print besides times: analytic FLOP
 * counts of kit graphs, peak resident memory, and which ND4J native build is loaded.
 */
final class BenchFigures {

    /** This machine's fp32 matrix-product ceiling (2048³ on both cores, NOTES-DL4J.md). */
    static final double PEAK_GFLOPS = 360.0;

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
     * The ND4J native build this JVM loaded: the folder of libnd4jcpu/libnd4jcuda in the memory map
     * (JavaCPP extracts it under the classifier's name), plus the build flags ND4J reports.
     */
    static String nd4jBuild() {
        org.nd4j.linalg.factory.Nd4j.getExecutioner();   // loads the native library if nothing has yet
        Set<String> libs = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int i = line.indexOf('/');
                if (i < 0) {
                    continue;
                }
                String p = line.substring(i);
                if (p.contains("libnd4jcpu") || p.contains("libnd4jcuda")) {
                    Path parent = Path.of(p).getParent();
                    libs.add(parent == null ? p : parent.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
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
        String ext = System.getProperty("org.bytedeco.javacpp.platform.extension");
        return (libs.isEmpty() ? "?" : String.join(",", libs)) + " (" + flags
                + (ext == null || ext.isEmpty() ? "" : ", platform.extension=" + ext) + ")";
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
