package org.tecoplatform.dataset.maze;

import java.util.Arrays;

/**
 * The {@code revisit} episode mode's walker: out-and-back legs from the spawn point. Each leg
 * walks {@code leg} steps out (only moves that can be undone exactly), then undoes them in
 * reverse order (backward for forward, the other turn for a turn), so the way back passes
 * exactly the poses of the way out with the same headings, hence byte-identical frames, and
 * ends on the spawn pose; the next leg explores afresh from there. This gives a video model
 * frames after its context that it has already seen, which a plain random walk seldom does.
 */
final class RevisitWalk {

    private final RandomWalkAgent agent;
    private final int leg;
    private final int[] out;
    private final Pose[] outPoses;
    /** Steps taken in the current leg, 0..2*leg. */
    private int step;

    RevisitWalk(RandomWalkAgent agent, int leg) {
        if (leg < 1) {
            throw new IllegalArgumentException("a revisit leg must be >= 1 step, got " + leg);
        }
        this.agent = agent;
        this.leg = leg;
        this.out = new int[leg];
        this.outPoses = new Pose[leg];
    }

    /** Chooses and carries out the next action; returns it. */
    int step() {
        if (step == 2 * leg) {
            step = 0;
        }
        int action;
        if (step < leg) {
            outPoses[step] = agent.pose();
            action = agent.chooseReversibleAction();
            out[step] = action;
            agent.apply(action);
        } else {
            int back = 2 * leg - 1 - step;
            action = RandomWalkAgent.inverse(out[back]);
            agent.apply(action);
            if (!agent.pose().equals(outPoses[back])) {
                // Cannot happen while chooseReversibleAction keeps its promise; fail loudly rather than render a near-miss.
                throw new IllegalStateException("retracing step " + back + " reached " + agent.pose() + ", not " + outPoses[back]
                        + " (out: " + Arrays.toString(Arrays.copyOf(out, back + 1)) + ")");
            }
        }
        step++;
        return action;
    }
}
