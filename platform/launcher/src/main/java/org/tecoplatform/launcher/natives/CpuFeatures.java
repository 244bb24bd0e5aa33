package org.tecoplatform.launcher.natives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The instruction-set extensions of this machine's CPU, as the Linux kernel reports them in the
 * {@code flags} line of {@code /proc/cpuinfo} (the names are the kernel's: {@code avx2}, {@code fma},
 * {@code avx512f}, ...). The kernel lists only what both the CPU and the kernel support (an AVX-512
 * CPU whose kernel or hypervisor disabled it shows no {@code avx512f}), which is what decides whether
 * a native library can run.
 *
 * @param model  the CPU's model name, or {@code "unknown"}
 * @param flags  the flags, lower case
 * @param source where they were read (a file, or why there is nothing)
 */
public record CpuFeatures(String model, Set<String> flags, String source) {

    /** Where the flags are read unless {@code teco.cpuinfo} names another file (tests use recorded ones). */
    public static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

    public CpuFeatures {
        flags = Set.copyOf(new TreeSet<>(flags));
    }

    /** This machine's features, from {@code -Dteco.cpuinfo=FILE} or {@code /proc/cpuinfo}; no flags where unreadable. */
    public static CpuFeatures detect() {
        String override = System.getProperty("teco.cpuinfo");
        Path file = override == null || override.isBlank() ? PROC_CPUINFO : Path.of(override);
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException | RuntimeException e) {
            return new CpuFeatures("unknown", Set.of(), file + " is not readable (" + e.getMessage() + ")");
        }
    }

    /** The features in the text of a {@code /proc/cpuinfo} (the first processor's entry counts). */
    public static CpuFeatures parse(String cpuinfo, String source) {
        String model = "unknown";
        Set<String> flags = new TreeSet<>();
        boolean seenFlags = false;
        for (String line : cpuinfo.split("\\R")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("model name") && model.equals("unknown")) {
                model = value;
            } else if (key.equals("flags") && !seenFlags) {
                seenFlags = true;
                for (String f : value.split("\\s+")) {
                    if (!f.isEmpty()) {
                        flags.add(f.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return new CpuFeatures(model, flags, seenFlags ? source : source + " has no flags line");
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** Those of {@code required} this CPU lacks, in the order given. */
    public List<String> missing(Collection<String> required) {
        List<String> out = new ArrayList<>();
        for (String f : required) {
            if (!flags.contains(f)) {
                out.add(f);
            }
        }
        return out;
    }
}
