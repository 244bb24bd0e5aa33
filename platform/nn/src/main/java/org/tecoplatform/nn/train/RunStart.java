package org.tecoplatform.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.nn.ParamStore;

/**
 * Where a training run starts: the newest complete checkpoint under {@code root} that can be read
 * (refused when it holds another model; a damaged newer one is passed over, saying so), otherwise
 * fresh parameters. Trainers write two
 * header lines into each checkpoint's config text: the model's identity and the training seconds
 * so far (which a time budget counts).
 *
 * @param checkpoint the checkpoint resumed from, or null for a fresh start
 */
public record RunStart(ParamStore params, long step, double trainedSeconds, Checkpoints.Checkpoint checkpoint) {

    private static final Logger LOG = LoggerFactory.getLogger(RunStart.class);

    public boolean resumed() {
        return checkpoint != null;
    }

    /**
     * @param modelPrefix   the header line's prefix naming the model, e.g. {@code "# teco-model: "}
     * @param modelKey      this run's model identity
     * @param secondsPrefix the header line's prefix of the training seconds
     * @param what          what the model is, for the message ("model", "tokenizer model")
     * @param advice        how to start over, for the message
     */
    public static RunStart of(Path root, long seed, String modelPrefix, String modelKey, String secondsPrefix, String what,
                              String advice) throws IOException {
        List<Path> complete = Checkpoints.newestFirst(root);
        if (complete.isEmpty()) {
            return new RunStart(new ParamStore(seed), 0, 0, null);
        }
        Checkpoints.Checkpoint c = loadNewestReadable(complete, List.of(modelPrefix, secondsPrefix), advice);
        String saved = header(c.config(), modelPrefix);
        if (!modelKey.equals(saved)) {
            throw new BadInputException(c.dir() + ": checkpoint of another " + what + " (" + saved + ") than the config asks for ("
                    + modelKey + "); " + advice);
        }
        return new RunStart(c.params(), c.step(), Double.parseDouble(header(c.config(), secondsPrefix)), c);
    }

    /**
     * The newest checkpoint that loads: a damaged one (truncated by a full disk, overwritten) is
     * passed over with a warning naming it and what is wrong, and the previous one is used.
     */
    private static Checkpoints.Checkpoint loadNewestReadable(List<Path> newestFirst, List<String> headers, String advice) {
        List<String> damaged = new ArrayList<>();
        for (Path dir : newestFirst) {
            try {
                Checkpoints.Checkpoint c = Checkpoints.load(dir);
                for (String h : headers) {
                    header(c.config(), h);
                }
                if (!damaged.isEmpty()) {
                    LOG.warn("Resuming from {}, the newest checkpoint that can be read (passed over: {})", dir,
                            String.join("; ", damaged));
                }
                return c;
            } catch (IOException | RuntimeException e) {
                LOG.warn("Checkpoint {} cannot be read: {}", dir, e.getMessage());
                LOG.debug("Checkpoint {} cannot be read", dir, e);
                damaged.add(dir + ": " + e.getMessage());
            }
        }
        throw new BadInputException("no checkpoint can be read: " + String.join("; ", damaged)
                + "; move the damaged folders away to start over from none, or " + advice);
    }

    /** The value of the header line starting with {@code prefix} in a checkpoint's config text. */
    public static String header(String text, String prefix) {
        for (String l : text.split("\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
        }
        throw new IllegalStateException("its config.yaml has no '" + prefix.trim() + "' line");
    }
}
