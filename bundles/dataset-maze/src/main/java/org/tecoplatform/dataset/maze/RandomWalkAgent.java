package org.tecoplatform.dataset.maze;

/**
 * A random walker with DMLab's discrete action space. Uniformly random actions make a walker
 * jitter on the spot or stare at the wall in front of it, so this one has habits: it keeps
 * doing what it did with some probability, prefers walking forward, and when a wall is close
 * ahead (or stopped it) it keeps turning one way until the way ahead is open again. It looks
 * only along its own heading and never plans, so it still wanders, revisits and backtracks.
 * Collisions keep a square body of half-width {@link #RADIUS} out of every wall tile, and a
 * blocked move slides along the wall when one axis is free.
 */
public final class RandomWalkAgent {

    public static final int FORWARD = 0;
    public static final int BACKWARD = 1;
    public static final int TURN_LEFT = 2;
    public static final int TURN_RIGHT = 3;
    public static final int STRAFE_LEFT = 4;
    public static final int STRAFE_RIGHT = 5;
    /** Number of real actions; this index itself means "no action". */
    public static final int ACTION_DIM = 6;
    public static final int NO_ACTION = ACTION_DIM;

    /** Walking step, a fifth of a tile. */
    static final int STEP = 205;
    /** Strafing step, a little shorter than walking, as in DMLab. */
    static final int STRAFE_STEP = 154;
    /** Half-width of the walker's body: keeps the camera off the walls yet leaves play in a one-tile corridor. */
    public static final int RADIUS = 300;
    /** Free steps ahead at which a committed turn may stop (most of a tile of open way); also how far the walker looks. */
    static final int OPEN = 4;
    /** Free steps ahead at or below which the walker starts turning away: a wall about to fill the view. */
    static final int CLOSE = 2;

    private static final int QUARTER = Pose.HEADINGS / 4;
    /** Rounded step vectors per heading; backward is exactly the negated forward one, so steps undo exactly. */
    private static final int[] WALK_X = new int[Pose.HEADINGS];
    private static final int[] WALK_Y = new int[Pose.HEADINGS];
    private static final int[] STRAFE_X = new int[Pose.HEADINGS];
    private static final int[] STRAFE_Y = new int[Pose.HEADINGS];

    static {
        for (int h = 0; h < Pose.HEADINGS; h++) {
            WALK_X[h] = (int) Math.round(Pose.cos(h) * STEP);
            WALK_Y[h] = (int) Math.round(Pose.sin(h) * STEP);
            // Strafing right moves along the heading a quarter turn clockwise: toward screen right.
            int r = (h + QUARTER) % Pose.HEADINGS;
            STRAFE_X[h] = (int) Math.round(Pose.cos(r) * STRAFE_STEP);
            STRAFE_Y[h] = (int) Math.round(Pose.sin(r) * STRAFE_STEP);
        }
    }

    /** Chance of choosing each action afresh: mostly forward, some turning, a little of the rest. */
    private static final double[] WEIGHTS = {0.42, 0.08, 0.16, 0.16, 0.09, 0.09};
    /** Chance of repeating the previous action (unless it was blocked). */
    private static final double[] REPEAT = {0.8, 0.5, 0.7, 0.7, 0.5, 0.5};

    private final MazeGrid grid;
    private final MazeRandom rng;
    private Pose pose;
    private int last = NO_ACTION;
    private boolean lastBlocked;
    /** The turn being kept up until the way ahead opens, or NO_ACTION. */
    private int turning = NO_ACTION;

    /** A walker at {@code start}; its choices are drawn from {@code seed}. */
    public RandomWalkAgent(MazeGrid grid, Pose start, long seed) {
        if (!fits(grid, start.x(), start.y())) {
            throw new IllegalArgumentException("start " + start + " is inside a wall");
        }
        this.grid = grid;
        this.pose = start;
        this.rng = new MazeRandom(seed);
    }

    /** A random open tile's centre and a random heading. */
    public static Pose spawn(MazeGrid grid, long seed) {
        MazeRandom r = new MazeRandom(seed);
        int side = grid.side();
        int open = grid.openTiles();
        int pick = r.nextInt(open);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                if (!grid.isWall(x, y) && pick-- == 0) {
                    return Pose.atTile(x, y, r.nextInt(Pose.HEADINGS));
                }
            }
        }
        throw new IllegalStateException("a maze with no open tile");
    }

    public Pose pose() {
        return pose;
    }

    /** Draws the next action from the walker's habits. */
    public int chooseAction() {
        int free = freeSteps();
        if (turning != NO_ACTION) {
            if (free < OPEN || rng.nextDouble() < 0.25) {
                return turning;
            }
            // The way ahead is open: take it (repeating the turn here would undo the point of stopping).
            turning = NO_ACTION;
            return FORWARD;
        } else if (lastBlocked || free <= CLOSE) {
            turning = rng.nextBoolean() ? TURN_LEFT : TURN_RIGHT;
            return turning;
        }
        if (last != NO_ACTION && rng.nextDouble() < REPEAT[last]) {
            return last;
        }
        double r = rng.nextDouble();
        for (int a = 0; a < ACTION_DIM - 1; a++) {
            r -= WEIGHTS[a];
            if (r < 0) {
                return a;
            }
        }
        return ACTION_DIM - 1;
    }

    /**
     * Like {@link #chooseAction}, but only an action that the {@link #inverse} action undoes
     * exactly: a move a wall would cut short or deflect counts as blocked (so a turn follows),
     * which lets a walk be retraced pose for pose.
     */
    public int chooseReversibleAction() {
        int action = chooseAction();
        while (!movesFully(action)) {
            remember(action, true);
            action = chooseAction();
        }
        return action;
    }

    /** The action that undoes {@code action} when the move went its full length: forward/backward, turns and strafes swap. */
    public static int inverse(int action) {
        return switch (action) {
            case FORWARD -> BACKWARD;
            case BACKWARD -> FORWARD;
            case TURN_LEFT -> TURN_RIGHT;
            case TURN_RIGHT -> TURN_LEFT;
            case STRAFE_LEFT -> STRAFE_RIGHT;
            case STRAFE_RIGHT -> STRAFE_LEFT;
            case NO_ACTION -> NO_ACTION;
            default -> throw new IllegalArgumentException("no action " + action + " (actions are 0.." + NO_ACTION + ")");
        };
    }

    /** Whether {@code action} would go its full step with no wall in the way (turns always do). */
    boolean movesFully(int action) {
        int h = pose.heading();
        return switch (action) {
            case FORWARD -> fits(grid, pose.x() + WALK_X[h], pose.y() + WALK_Y[h]);
            case BACKWARD -> fits(grid, pose.x() - WALK_X[h], pose.y() - WALK_Y[h]);
            case STRAFE_RIGHT -> fits(grid, pose.x() + STRAFE_X[h], pose.y() + STRAFE_Y[h]);
            case STRAFE_LEFT -> fits(grid, pose.x() - STRAFE_X[h], pose.y() - STRAFE_Y[h]);
            default -> true;
        };
    }

    /**
     * Steps of open floor straight ahead of the walker's centre (a thin line of sight, not the
     * body, so that a corridor seen slightly askew still counts as open), up to {@link #OPEN}.
     */
    int freeSteps() {
        int h = pose.heading();
        for (int k = 1; k <= OPEN; k++) {
            int x = pose.x() + k * WALK_X[h];
            int y = pose.y() + k * WALK_Y[h];
            if (grid.isWall(Math.floorDiv(x, Pose.UNIT), Math.floorDiv(y, Pose.UNIT))) {
                return k - 1;
            }
        }
        return OPEN;
    }

    /**
     * Carries out one action. Returns false when a wall stopped a move short of half its
     * step (the walker then turns away next time); turns and "no action" always succeed.
     */
    public boolean apply(int action) {
        int h = pose.heading();
        int mx;
        int my;
        switch (action) {
            case FORWARD -> { mx = WALK_X[h]; my = WALK_Y[h]; }
            case BACKWARD -> { mx = -WALK_X[h]; my = -WALK_Y[h]; }
            case STRAFE_RIGHT -> { mx = STRAFE_X[h]; my = STRAFE_Y[h]; }
            case STRAFE_LEFT -> { mx = -STRAFE_X[h]; my = -STRAFE_Y[h]; }
            case TURN_LEFT -> {
                pose = new Pose(pose.x(), pose.y(), (h + Pose.HEADINGS - 1) % Pose.HEADINGS);
                return remember(action, false);
            }
            case TURN_RIGHT -> {
                pose = new Pose(pose.x(), pose.y(), (h + 1) % Pose.HEADINGS);
                return remember(action, false);
            }
            case NO_ACTION -> {
                return remember(action, false);
            }
            default -> throw new IllegalArgumentException("no action " + action + " (actions are 0.." + NO_ACTION + ")");
        }
        int x = pose.x();
        int y = pose.y();
        int nx = x;
        int ny = y;
        if (fits(grid, x + mx, y + my)) {
            nx = x + mx;
            ny = y + my;
        } else if (mx != 0 && fits(grid, x + mx, y)) {
            nx = x + mx;
        } else if (my != 0 && fits(grid, x, y + my)) {
            ny = y + my;
        }
        pose = new Pose(nx, ny, h);
        long moved = (long) (nx - x) * (nx - x) + (long) (ny - y) * (ny - y);
        long wanted = (long) mx * mx + (long) my * my;
        boolean blocked = 4 * moved < wanted;
        return remember(action, blocked);
    }

    private boolean remember(int action, boolean blocked) {
        last = action;
        lastBlocked = blocked;
        return !blocked;
    }

    /** Whether a body centred at (x, y) touches no wall tile; checking its corners suffices as it is smaller than a tile. */
    public static boolean fits(MazeGrid grid, int x, int y) {
        int x0 = Math.floorDiv(x - RADIUS, Pose.UNIT);
        int x1 = Math.floorDiv(x + RADIUS, Pose.UNIT);
        int y0 = Math.floorDiv(y - RADIUS, Pose.UNIT);
        int y1 = Math.floorDiv(y + RADIUS, Pose.UNIT);
        return !grid.isWall(x0, y0) && !grid.isWall(x1, y0) && !grid.isWall(x0, y1) && !grid.isWall(x1, y1);
    }
}
