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

    void run(StageContext context) throws Exception;
}
