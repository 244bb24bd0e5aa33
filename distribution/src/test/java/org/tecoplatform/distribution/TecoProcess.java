package org.tecoplatform.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the assembled {@code bin/teco} as a user would, in its own process. */
final class TecoProcess {

    record Result(int exitCode, String out, String err, double seconds) {
        @Override
        public String toString() {
            return "exit " + exitCode + " in " + seconds + " s\n--- out\n" + out + "--- err\n" + err;
        }
    }

    static Path dist() {
        return Path.of(System.getProperty("teco.dist", "target/teco")).toAbsolutePath();
    }

    static Result run(Path workingDir, String... args) throws IOException, InterruptedException {
        return run(workingDir, java.util.Map.of(), args);
    }

    /** As {@link #run(Path, String...)} with extra environment variables. */
    static Result run(Path workingDir, java.util.Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(dist().resolve("bin/teco").toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("teco-out", ".txt");
        Path err = Files.createTempFile("teco-err", ".txt");
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workingDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("teco " + String.join(" ", args) + " did not finish in 5 minutes");
        }
        double secs = (System.nanoTime() - start) / 1e9;
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), secs);
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private TecoProcess() {
    }
}
