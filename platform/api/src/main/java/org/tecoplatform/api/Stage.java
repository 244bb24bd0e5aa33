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

    void run(StageContext context) throws Exception;
}
