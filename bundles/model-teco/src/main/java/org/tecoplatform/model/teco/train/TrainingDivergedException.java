package org.tecoplatform.model.teco.train;

import java.nio.file.Path;

/** The loss stopped being finite: training stops, naming the step, and keeps the last good checkpoint. */
final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TrainingDivergedException(long step, LossParts parts, Path lastGood) {
        super("train: the loss is not finite at step " + step + " (" + parts.text() + "); nothing of that step was applied or saved; "
                + (lastGood == null ? "no checkpoint was written yet"
                        : "the last good checkpoint is " + lastGood + " (a re-run resumes from it)")
                + "; lower lr or check the token cache");
    }
}
