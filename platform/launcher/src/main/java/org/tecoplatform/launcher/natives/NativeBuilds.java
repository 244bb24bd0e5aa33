package org.tecoplatform.launcher.natives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the ND4J native build for this JVM before ND4J loads, once: the CPU's features and the
 * builds on the class path decide ({@link NativeBuildSelector}), {@code TECO_ND4J_BUILD} (or
 * {@code -Dteco.nd4j.build}) forces one, and the choice becomes JavaCPP's
 * {@code org.bytedeco.javacpp.platform.extension}. Unset, JavaCPP would try every build it finds with
 * the AVX-512 ones first and take the first that loads, without checking the instruction set: on a CPU
 * without AVX-512 that is a SIGILL inside the library's initialisers.
 */
public final class NativeBuilds {

    /** Environment variable that forces a build by name ({@link NativeBuild#byName}). */
    public static final String ENV = "TECO_ND4J_BUILD";
    /** System property that does the same (wins over the environment). */
    public static final String PROPERTY = "teco.nd4j.build";
    static final String JAVACPP_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    private static final Logger LOG = LoggerFactory.getLogger(NativeBuilds.class);

    private static boolean applied;
    private static Optional<NativeBuildChoice> choice = Optional.empty();
    private static String absent = "";

    private NativeBuilds() {
    }

    /**
     * Chooses and applies the build, the first time only; later calls return the same answer. Empty
     * where there is nothing to choose: not x86-64 Linux, or no ND4J CPU build on the class path (a
     * CUDA build); {@link #describe()} then says so.
     *
     * @throws org.tecoplatform.api.BadInputException when the forced build is unknown, not shipped, or
     *         needs CPU features this CPU lacks
     */
    public static synchronized Optional<NativeBuildChoice> select() {
        if (applied) {
            return choice;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        Set<NativeBuild> shipped = shipped();
        String userExtension = System.getProperty(JAVACPP_EXTENSION);
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            absent = "JavaCPP's own choice (" + os + "/" + arch + " is not x86-64 Linux)";
        } else if (shipped.isEmpty()) {
            absent = "no ND4J CPU build on the class path (a CUDA build?)";
        } else {
            String forced = System.getProperty(PROPERTY);
            String forcedBy = "-D" + PROPERTY;
            if (forced == null || forced.isBlank()) {
                forced = System.getenv(ENV);
                forcedBy = ENV;
            }
            if ((forced == null || forced.isBlank()) && userExtension != null && !userExtension.isEmpty()) {
                forced = userExtension;
                forcedBy = "-D" + JAVACPP_EXTENSION;
            }
            NativeBuildChoice c = NativeBuildSelector.choose(CpuFeatures.detect(), shipped,
                    forced == null || forced.isBlank() ? null : forced.trim(), forcedBy);
            System.setProperty(JAVACPP_EXTENSION, c.build().javacppExtension());
            LOG.debug("ND4J native build: {}", c.describe());
            choice = Optional.of(c);
        }
        applied = true;
        return choice;
    }

    /** The choice in one line, or why there was none. */
    public static String describe() {
        try {
            return select().map(NativeBuildChoice::describe).orElse(absent);
        } catch (RuntimeException e) {
            return "none: " + e.getMessage();
        }
    }

    /** The builds whose jars are on this class path. */
    public static Set<NativeBuild> shipped() {
        Set<NativeBuild> out = EnumSet.noneOf(NativeBuild.class);
        ClassLoader cl = NativeBuilds.class.getClassLoader();
        for (NativeBuild b : NativeBuild.values()) {
            if (cl.getResource(b.libraryResource()) != null) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * The build this process has actually loaded, read from its memory map (JavaCPP extracts
     * {@code libnd4jcpu.so} into a folder named after the classifier); empty before ND4J loads.
     */
    public static Optional<String> loaded() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int i = line.indexOf('/');
                if (i >= 0 && (line.endsWith("/libnd4jcpu.so") || line.endsWith("/libnd4jcuda.so"))) {
                    Path parent = Path.of(line.substring(i)).getParent();
                    return Optional.of(parent == null ? line.substring(i) : parent.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing to read
        }
        return Optional.empty();
    }
}
