package org.tecoplatform.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.nn.ParamStore;

/**
 * Where a training run starts: the newest complete checkpoint under {@code root} when there is
 * one (refused when it holds another model), otherwise fresh parameters. Trainers write two
 * header lines into each checkpoint's config text: the model's identity and the training seconds
 * so far (which a time budget counts).
 *
 * @param checkpoint the checkpoint resumed from, or null for a fresh start
 */
public record RunStart(ParamStore params, long step, double trainedSeconds, Checkpoints.Checkpoint checkpoint) {

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
        Optional<Path> latest = Checkpoints.latest(root);
        if (latest.isEmpty()) {
            return new RunStart(new ParamStore(seed), 0, 0, null);
        }
        Checkpoints.Checkpoint c = Checkpoints.load(latest.get());
        String saved = header(c.config(), modelPrefix);
        if (!modelKey.equals(saved)) {
            throw new BadInputException(latest.get() + ": checkpoint of another " + what + " (" + saved + ") than the config asks for ("
                    + modelKey + "); " + advice);
        }
        return new RunStart(c.params(), c.step(), Double.parseDouble(header(c.config(), secondsPrefix)), c);
    }

    /** The value of the header line starting with {@code prefix} in a checkpoint's config text. */
    public static String header(String text, String prefix) {
        for (String l : text.split("\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length()).trim();
            }
        }
        throw new IllegalStateException("checkpoint config has no '" + prefix.trim() + "' line");
    }
}
