package org.tecoplatform.pipeline.run;

import java.util.List;

/** A stage threw; carries the outcomes so far. The cause is what the stage threw. */
public final class StageFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<StageOutcome> outcomes;

    public StageFailedException(String stage, List<StageOutcome> outcomes, Throwable cause) {
        super("stage '" + stage + "' failed: " + cause.getMessage(), cause);
        this.outcomes = List.copyOf(outcomes);
    }

    public List<StageOutcome> outcomes() {
        return outcomes;
    }
}
