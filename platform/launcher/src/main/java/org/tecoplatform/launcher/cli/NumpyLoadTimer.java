package org.tecoplatform.launcher.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Times numpy's {@code np.load} on the same npz files, for {@code teco bench data --numpy}: the
 * reference our reader is compared with. Needs python3 with numpy; the product itself never does.
 */
final class NumpyLoadTimer {

    private static final String SCRIPT = String.join("\n",
            "import sys, time, numpy as np",
            "files = [l.strip() for l in open(sys.argv[1]) if l.strip()]",
            "def once():",
            "    frames = 0",
            "    for f in files:",
            "        with np.load(f) as z:",
            "            v = z['video']; a = z['actions']",
            "            frames += v.shape[0]",
            "    return frames",
            "once()",
            "best = None",
            "for _ in range(int(sys.argv[2])):",
            "    t = time.perf_counter(); n = once(); d = time.perf_counter() - t",
            "    best = d if best is None else min(best, d)",
            "print(n, best, np.__version__)",
            "");

    /** Frames and the best seconds over {@code repeats} passes, or empty with the reason logged. */
    record Timing(long frames, double seconds, String numpyVersion) {
        double framesPerSecond() {
            return frames / seconds;
        }
    }

    private NumpyLoadTimer() {
    }

    static Optional<Timing> time(String python, List<Path> files, int repeats, StringBuilder why) throws IOException, InterruptedException {
        Path list = Files.createTempFile("teco-bench-files", ".txt");
        Path script = Files.createTempFile("teco-bench-numpy", ".py");
        try {
            Files.write(list, files.stream().map(Path::toString).toList(), StandardCharsets.UTF_8);
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
            Process p;
            try {
                p = new ProcessBuilder(python, script.toString(), list.toString(), Integer.toString(repeats))
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                why.append(python).append(" not found");
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                why.append(python).append(" failed: ").append(out.lines().reduce((a, b) -> b).orElse(""));
                return Optional.empty();
            }
            String[] parts = out.lines().reduce((a, b) -> b).orElse("").split(" ");
            return Optional.of(new Timing(Long.parseLong(parts[0]), Double.parseDouble(parts[1]), parts[2]));
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(script);
        }
    }
}
