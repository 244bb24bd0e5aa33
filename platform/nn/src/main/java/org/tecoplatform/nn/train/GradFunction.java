package org.tecoplatform.nn.train;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a SameDiff graph's gradient function once, up front. SameDiff 1.0.0-M2.1 prints one
 * "Added differentiated op ..." line per op to {@code System.out} while doing so (an
 * unconditional println in SameDiff), which would flood the CLI's output; stdout is silenced
 * for that call only.
 */
public final class GradFunction {

    private GradFunction() {
    }

    /** Creates the gradient function of {@code sd} if it has none yet (its loss variables must be set). */
    public static synchronized void ensure(SameDiff sd) {
        if (sd.getFunction("grad") != null) {
            return;
        }
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
    }
}
