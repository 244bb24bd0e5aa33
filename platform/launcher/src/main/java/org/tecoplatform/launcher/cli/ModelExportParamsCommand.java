package org.tecoplatform.launcher.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpyDtype;
import org.tecoplatform.npz.NpzReader;
import org.tecoplatform.npz.NpzWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code teco model export-params}: a checkpoint's parameters as one npz, each under its
 * documented name (the Flax-style dotted names of teco-nn, e.g.
 * {@code TransformerLayer_0.MultiHeadAttention_0.query.kernel}) with its shape, for numpy or PyTorch.
 */
@Command(name = "export-params", mixinStandardHelpOptions = true,
        description = {"Write every parameter of a checkpoint to an npz file (float32, named as in the model's",
            "definition) and list names and shapes. CHECKPOINT is a checkpoint folder (step_<n>/) or a folder",
            "holding checkpoints (the newest complete one is used).",
            "",
            "Example:  teco model export-params runs/quickstart/train/checkpoints --npz teco-params.npz",
            "          python3 -c \"import numpy as np; p = np.load('teco-params.npz'); print(len(p.files))\""})
final class ModelExportParamsCommand implements Callable<Integer> {

    static final String PARAMS = "params.npz";
    private static final String STATE = "state.properties";

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint folder, or a folder of checkpoints.")
    Path checkpoint;

    @Option(names = "--npz", paramLabel = "FILE", description = "Write the parameters here (omit to only list them).")
    Path npz;

    @Option(names = "--quiet", description = "Do not list the parameters.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path file = npz == null ? null : OutputPaths.file("--npz", npz);
        Path dir = resolve(checkpoint.toAbsolutePath().normalize());
        Map<String, NpyArray> params = new LinkedHashMap<>();
        try (NpzReader reader = NpzReader.open(dir.resolve(PARAMS))) {
            for (String key : reader.keys().stream().sorted().toList()) {
                NpyArray a = reader.read(key);
                if (a.dtype() != NpyDtype.FLOAT32) {
                    throw new BadInputException(dir.resolve(PARAMS) + ": parameter " + key + " is " + a.dtype().descr()
                            + ", expected <f4 (float32)");
                }
                params.put(key, a);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        long total = 0;
        for (Map.Entry<String, NpyArray> e : params.entrySet()) {
            long n = e.getValue().elementCount();
            total += n;
            if (!quiet) {
                out.printf(Locale.ROOT, "%-72s %-20s %,12d%n", e.getKey(), Arrays.toString(e.getValue().shape()), n);
            }
        }
        out.printf(Locale.ROOT, "%d parameters, %,d values (%s)%n", params.size(), total, dir);
        if (file != null) {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            NpzWriter.write(file, params, false);
            out.println("Wrote " + file);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** The checkpoint folder itself, or the newest complete one inside. */
    static Path resolve(Path given) throws IOException {
        if (Files.isRegularFile(given.resolve(STATE)) && Files.isRegularFile(given.resolve(PARAMS))) {
            return given;
        }
        if (!Files.isDirectory(given)) {
            throw new BadInputException("checkpoint " + given + " does not exist");
        }
        Optional<Path> newest;
        try (Stream<Path> s = Files.list(given)) {
            newest = s.filter(p -> p.getFileName().toString().matches("step_\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve(STATE)) && Files.isRegularFile(p.resolve(PARAMS)))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        }
        return newest.orElseThrow(() -> new BadInputException("no complete checkpoint in " + given
                + ": expected a step_<n> folder with " + STATE + " and " + PARAMS));
    }
}
