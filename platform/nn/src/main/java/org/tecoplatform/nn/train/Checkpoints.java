package org.tecoplatform.nn.train;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpyDtype;
import org.tecoplatform.npz.NpzReader;
import org.tecoplatform.npz.NpzWriter;

/**
 * Training checkpoints: one folder per step, {@code <root>/step_<12 digits>/}, holding
 * <ul>
 * <li>{@code params.npz}: every parameter (float32, {@link ParamStore#save});</li>
 * <li>{@code optimizer.npz}: AdamW moments as {@code mu.<param>} and {@code nu.<param>}
 * (float32);</li>
 * <li>{@code config.yaml}: the resolved config exactly as the caller gave it;</li>
 * <li>{@code state.properties}: step, optimiser count, run random state, parameter seed. Written
 * last.</li>
 * </ul>
 * A checkpoint is written into a hidden temporary folder beside the final one and renamed into
 * place in one atomic move, so a folder named {@code step_*} is always complete; a crash leaves
 * only a {@code .tmp-*} folder, which {@link #latest} ignores and the next save clears.
 */
public final class Checkpoints {

    private static final Pattern NAME = Pattern.compile("step_(\\d{12})");
    private static final String STATE = "state.properties";

    /** A loaded checkpoint. */
    public record Checkpoint(Path dir, long step, ParamStore params, long optimizerCount,
            Map<String, INDArray> mu, Map<String, INDArray> nu, long rngState, String config) {

        /** Restores the optimiser's moments and count and the run's random state. */
        public void restoreInto(AdamW optimizer, RunRng rng) {
            optimizer.restore(optimizerCount, mu, nu);
            rng.restore(rngState);
        }
    }

    private Checkpoints() {
    }

    /** The folder a checkpoint of {@code step} lives in. */
    public static Path folder(Path root, long step) {
        if (step < 0) {
            throw new IllegalArgumentException("negative step " + step);
        }
        return root.resolve(String.format("step_%012d", step));
    }

    /** Writes a checkpoint atomically and returns its folder (replacing one of the same step). */
    public static Path save(Path root, long step, ParamStore params, AdamW optimizer, RunRng rng, String config)
            throws IOException {
        Files.createDirectories(root);
        clearTemporaries(root);
        Path target = folder(root, step);
        // The folder is written beside its place and renamed in, as every model folder is (AtomicDirectory).
        org.tecoplatform.nn.AtomicDirectory.write(target, tmp -> {
            params.save(tmp.resolve("params.npz"));
            Map<String, NpyArray> opt = new LinkedHashMap<>();
            optimizer.mu().forEach((k, a) -> opt.put("mu." + k, float32(a)));
            optimizer.nu().forEach((k, a) -> opt.put("nu." + k, float32(a)));
            NpzWriter.write(tmp.resolve("optimizer.npz"), opt, false);
            AtomicFiles.writeString(tmp.resolve("config.yaml"), config);
            Properties p = new Properties();
            p.setProperty("format", "1");
            p.setProperty("step", Long.toString(step));
            p.setProperty("optimizer.count", Long.toString(optimizer.count()));
            p.setProperty("rng.state", Long.toString(rng.state()));
            p.setProperty("params.seed", Long.toString(params.seed()));
            java.io.StringWriter state = new java.io.StringWriter();
            p.store(state, "TECO Platform checkpoint");
            AtomicFiles.writeString(tmp.resolve(STATE), state.toString());
        });
        return target;
    }

    /** The folder of the highest-step complete checkpoint under {@code root}, if any. */
    public static Optional<Path> latest(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(STATE)))
                    .max(Comparator.comparingLong(Checkpoints::stepOf));
        }
    }

    /** Every complete checkpoint folder under {@code root}, the highest step first. */
    public static java.util.List<Path> newestFirst(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(STATE)))
                    .sorted(Comparator.comparingLong(Checkpoints::stepOf).reversed())
                    .toList();
        }
    }

    /**
     * Deletes all but the {@code keep} highest-step complete checkpoints (the original keeps 1),
     * oldest first, so a crash mid-prune never leaves fewer than {@code keep}.
     */
    public static void prune(Path root, int keep) throws IOException {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one checkpoint, not " + keep);
        }
        if (!Files.isDirectory(root)) {
            return;
        }
        java.util.List<Path> complete;
        try (Stream<Path> s = Files.list(root)) {
            complete = s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(STATE)))
                    .sorted(Comparator.comparingLong(Checkpoints::stepOf))
                    .toList();
        }
        for (int i = 0; i < complete.size() - keep; i++) {
            // Renamed away first so no half-deleted folder ever looks like a checkpoint.
            Path p = complete.get(i);
            Path gone = root.resolve(".tmp-del-" + p.getFileName() + "-" + System.nanoTime());
            Files.move(p, gone, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(gone);
        }
    }

    /** Reads a checkpoint folder written by {@link #save}. */
    public static Checkpoint load(Path dir) throws IOException {
        Properties p = new Properties();
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            throw new IOException(dir + " is not a complete checkpoint (no " + STATE + ")");
        }
        try (Reader r = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        if (!"1".equals(p.getProperty("format"))) {
            throw new IOException(state + ": unknown checkpoint format " + p.getProperty("format"));
        }
        long seed = Long.parseLong(p.getProperty("params.seed"));
        ParamStore params = ParamStore.load(dir.resolve("params.npz"), seed);
        Map<String, INDArray> mu = new LinkedHashMap<>();
        Map<String, INDArray> nu = new LinkedHashMap<>();
        try (NpzReader reader = NpzReader.open(dir.resolve("optimizer.npz"))) {
            for (String key : reader.keys()) {
                NpyArray a = reader.read(key);
                if (a.dtype() != NpyDtype.FLOAT32) {
                    throw new IOException(dir + ": optimizer member " + key + " is " + a.dtype() + ", expected float32");
                }
                long[] shape = java.util.Arrays.stream(a.shape()).asLongStream().toArray();
                INDArray arr = Nd4j.create(a.toFloats(), shape, 'c');
                if (key.startsWith("mu.")) {
                    mu.put(key.substring(3), arr);
                } else if (key.startsWith("nu.")) {
                    nu.put(key.substring(3), arr);
                } else {
                    throw new IOException(dir + ": unexpected optimizer member " + key);
                }
            }
        }
        String config = Files.readString(dir.resolve("config.yaml"), StandardCharsets.UTF_8);
        return new Checkpoint(dir, Long.parseLong(p.getProperty("step")), params,
                Long.parseLong(p.getProperty("optimizer.count")), mu, nu,
                Long.parseLong(p.getProperty("rng.state")), config);
    }

    private static long stepOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(p + " is not a checkpoint folder");
        }
        return Long.parseLong(m.group(1));
    }

    private static NpyArray float32(INDArray a) {
        int[] shape = java.util.Arrays.stream(a.shape()).mapToInt(Math::toIntExact).toArray();
        return NpyArray.float32(shape, a.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }

    /** Removes temporary folders left by an interrupted save. */
    private static void clearTemporaries(Path root) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root, ".tmp-*")) {
            for (Path p : ds) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
