package org.tecoplatform.pipeline.run;

import java.util.List;

/**
 * How to run a pipeline.
 *
 * @param only  stages to run (a subset of the config's {@code pipeline.stages}); empty means all
 * @param force redo finished stages (their folders are cleared first)
 */
public record RunOptions(List<String> only, boolean force) {

    public RunOptions {
        only = List.copyOf(only);
    }

    public static RunOptions defaults() {
        return new RunOptions(List.of(), false);
    }
}
