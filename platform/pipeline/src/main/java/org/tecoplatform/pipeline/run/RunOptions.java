package org.tecoplatform.pipeline.run;

import java.util.List;

/**
 * How to run a pipeline.
 *
 * @param only  stages to run (a subset of the config's {@code pipeline.stages}); empty means all
 * @param force redo finished stages (their finished folders are moved aside until the stage finishes again,
 *              and put back if it fails, unless {@code keep})
 * @param keep  with {@code force}, leave the stage folders as they are (a stage that writes its
 *              outputs elsewhere, such as {@code teco sample -o DIR}, must not lose the earlier ones)
 */
public record RunOptions(List<String> only, boolean force, boolean keep) {

    public RunOptions {
        only = List.copyOf(only);
    }

    public RunOptions(List<String> only, boolean force) {
        this(only, force, false);
    }

    public static RunOptions defaults() {
        return new RunOptions(List.of(), false, false);
    }
}
