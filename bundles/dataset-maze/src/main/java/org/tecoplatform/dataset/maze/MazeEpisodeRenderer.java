package org.tecoplatform.dataset.maze;

import java.util.function.IntSupplier;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;

/**
 * Turns an episode seed into frames and actions: the seed's maze, a spawn point, a random
 * walk (or out-and-back legs, in the revisit mode), and the raycast view after every step. Frame t depends only on the seed and t (never
 * on how long the episode is or which window is asked for), so any window of an episode is
 * exactly the matching slice of the whole.
 *
 * <p>{@code actions[t]} is the action that led from frame t-1 to frame t; frame 0 has none,
 * so {@code actions[0]} is {@link RandomWalkAgent#NO_ACTION} (TECO never reads action 0).
 *
 * <p>This class is also the benchmark entry point: {@code new MazeEpisodeRenderer(64, 7, 0.15)
 * .render(seed, 300)} renders one DMLab-sized episode with no config or OSGi around it.
 */
public final class MazeEpisodeRenderer {

    private final int cells;
    private final double loops;
    /** Steps out per out-and-back leg in the {@code revisit} mode; 0 is the plain random walk. */
    private final int revisitLeg;
    private final Raycaster raycaster;

    /**
     * @param size  frame height and width in pixels
     * @param cells maze cells per side
     * @param loops fraction of inner walls opened after carving (0..1)
     */
    public MazeEpisodeRenderer(int size, int cells, double loops) {
        this(size, cells, loops, 0);
    }

    /**
     * @param size       frame height and width in pixels
     * @param cells      maze cells per side
     * @param loops      fraction of inner walls opened after carving (0..1)
     * @param revisitLeg 0 for the random walk; else the walker goes this many steps out and
     *                   retraces them back to its spawn pose, over and over ({@link RevisitWalk})
     */
    public MazeEpisodeRenderer(int size, int cells, double loops, int revisitLeg) {
        if (cells < 2 || cells > MazeGenerator.MAX_CELLS) {
            throw new IllegalArgumentException("cells per side must be in [2, " + MazeGenerator.MAX_CELLS + "], got " + cells);
        }
        if (!(loops >= 0 && loops <= 1)) {
            throw new IllegalArgumentException("loops must be in [0, 1], got " + loops);
        }
        if (revisitLeg < 0) {
            throw new IllegalArgumentException("revisit leg must be >= 0 (0: random walk), got " + revisitLeg);
        }
        this.cells = cells;
        this.loops = loops;
        this.revisitLeg = revisitLeg;
        this.raycaster = new Raycaster(size);
    }

    public int size() {
        return raycaster.size();
    }

    /**
     * The seed of episode {@code index} of {@code split} under dataset seed {@code seed}. For
     * one dataset seed every (split, index) gets a different episode seed, so train and test
     * never share an episode.
     */
    public static long episodeSeed(long seed, Split split, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("episode index must be >= 0, got " + index);
        }
        return MazeRandom.derive(seed, 2L * index + (split == Split.TEST ? 1 : 0));
    }

    /** The maze an episode seed walks in. */
    public MazeGrid maze(long episodeSeed) {
        return MazeGenerator.generate(cells, loops, MazeRandom.derive(episodeSeed, 0));
    }

    /** The first {@code frames} frames of the episode, as one (T, H, W, 3) video. */
    public Video render(long episodeSeed, int frames) {
        return render("maze", episodeSeed, 0, frames).video();
    }

    /** Frames {@code [start, start + count)} of the episode and their actions. */
    public Episode render(String id, long episodeSeed, int start, int count) {
        if (start < 0 || count < 0) {
            throw new IllegalArgumentException("bad window start=" + start + " count=" + count);
        }
        int frameBytes = raycaster.frameBytes();
        if ((long) count * frameBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(count + " frames of " + size() + "x" + size() + " do not fit in one array");
        }
        MazeGrid maze = maze(episodeSeed);
        RandomWalkAgent agent = walker(maze, episodeSeed);
        IntSupplier next = stepper(agent);
        byte[] pixels = new byte[count * frameBytes];
        int[] actions = new int[count];
        int end = start + count;
        for (int t = 0; t < end; t++) {
            int action = RandomWalkAgent.NO_ACTION;
            if (t > 0) {
                action = next.getAsInt();
            }
            if (t >= start) {
                actions[t - start] = action;
                raycaster.render(maze, agent.pose(), pixels, (t - start) * frameBytes);
            }
        }
        return new Episode(id, new Video(count, size(), size(), 3, pixels), actions);
    }

    /** The walker's pose at each of the first {@code frames} frames: the same walk {@link #render} draws. */
    Pose[] poses(long episodeSeed, int frames) {
        MazeGrid maze = maze(episodeSeed);
        RandomWalkAgent agent = walker(maze, episodeSeed);
        IntSupplier next = stepper(agent);
        Pose[] poses = new Pose[frames];
        for (int t = 0; t < frames; t++) {
            if (t > 0) {
                next.getAsInt();
            }
            poses[t] = agent.pose();
        }
        return poses;
    }

    /** Chooses, carries out and returns each next action of the episode's mode. */
    private IntSupplier stepper(RandomWalkAgent agent) {
        if (revisitLeg > 0) {
            return new RevisitWalk(agent, revisitLeg)::step;
        }
        return () -> {
            int action = agent.chooseAction();
            agent.apply(action);
            return action;
        };
    }

    /** Spawn point and choices come from their own streams of the episode seed, apart from the maze's. */
    private static RandomWalkAgent walker(MazeGrid maze, long episodeSeed) {
        return new RandomWalkAgent(maze, RandomWalkAgent.spawn(maze, MazeRandom.derive(episodeSeed, 1)),
                MazeRandom.derive(episodeSeed, 2));
    }

    /** Draws one frame of the view from {@code pose} in {@code maze} into {@code out} at {@code offset}. */
    public void renderFrame(MazeGrid maze, Pose pose, byte[] out, int offset) {
        raycaster.render(maze, pose, out, offset);
    }
}
