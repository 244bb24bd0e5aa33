package org.tecoplatform.nn.train;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The memory of one training step: every array the step makes comes from one ND4J workspace
 * that is sized on the first step and reused by every later one. Measured: a fresh ND4J array
 * costs about 2 ms per 4 MB before any arithmetic (new pages touched for the first time), which
 * was a third of a small TECO step; reused workspace memory costs nothing. Arrays that outlive
 * the step (parameters, optimiser moments) are made outside it
 * ({@code scopeOutOfWorkspaces}). Use with try-with-resources around one step.
 */
public final class StepWorkspace implements AutoCloseable {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final MemoryWorkspace ws;

    private StepWorkspace(String id) {
        this.ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }

    /** Opens (activates) the workspace named {@code id} on this thread. */
    public static StepWorkspace open(String id) {
        return new StepWorkspace(id);
    }

    @Override
    public void close() {
        ws.close();
    }
}
