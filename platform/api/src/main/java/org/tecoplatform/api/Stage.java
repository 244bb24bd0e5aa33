package org.tecoplatform.api;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One step of a pipeline ({@code data}, {@code tokenize}, {@code train}, ...), contributed by a
 * bundle and selected by name in the config's {@code pipeline.stages} list. A stage writes
 * only under {@link StageContext#stageDir()}; the runner marks it finished when {@link #run}
 * returns, and skips it on a re-run unless forced.
 */
@ConsumerType
public interface Stage extends Plugin {

    /** The plugin kinds this stage uses; the runner checks that the config names them. */
    default Set<PluginKind> uses() {
        return Set.of();
    }

    /**
     * The earlier stages whose outputs this stage reads with this config (for example
     * {@code tokenize} needs {@code train_tokenizer} unless the config names a tokenizer). The
     * runner skips this stage when one of them was skipped, and refuses to start it when one of
     * them has not run. Empty by default.
     *
     * @since 1.2
     */
    default Set<String> needs(Settings config) {
        return Set.of();
    }

    /**
     * Config keys that, changed after this stage finished, let it continue from where it stopped
     * rather than count as finished with another config (the {@code train} stage: a larger
     * {@code total_steps} resumes from the last checkpoint). Any other change still needs
     * {@code --force}. Empty by default.
     *
     * @since 1.6
     */
    default Set<String> continuedBy() {
        return Set.of();
    }

    /**
     * Checks the config this stage would run with, before any stage of the command runs and before
     * anything on disk is changed ({@code teco config show} runs it too), so a value the stage would
     * refuse costs neither data nor minutes of earlier stages. Throws a {@link BadInputException}
     * naming the key, what was expected and what was found. Does nothing by default.
     *
     * @since 1.6
     */
    default void check(Settings config) {
    }

    void run(StageContext context) throws Exception;
}
