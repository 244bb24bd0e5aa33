package org.tecoplatform.dataset.maze;

import java.util.List;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/**
 * The {@code maze:} config section, read and checked. Frame size, episode length and seed
 * follow the config's top-level {@code image_size}, {@code seq_len} and {@code seed} unless
 * the section sets them. Because the pipeline fills a section with the declared defaults
 * before a plugin sees it, those three defaults are sentinels (0, 0, -1) meaning "follow the
 * top level", not values of their own.
 */
record MazeOptions(int trainEpisodes, int testEpisodes, int episodeLength, int size, long seed, int grid, double loops,
        int revisitLeg) {

    static final String SECTION = "maze";
    static final int MIN_SIZE = 16;
    static final int DEFAULT_SIZE = 64;
    static final int DEFAULT_LENGTH = 300;
    static final long DEFAULT_SEED = 1;
    static final int DEFAULT_GRID = 7;
    static final double DEFAULT_LOOPS = 0.15;
    static final String WALK = "walk";
    static final String REVISIT = "revisit";

    static List<OptionSpec> specs() {
        return List.of(
                OptionSpec.of("train_episodes", OptionType.INTEGER, 200, "episodes in the train split"),
                OptionSpec.of("test_episodes", OptionType.INTEGER, 20, "episodes in the test split"),
                OptionSpec.of("episode_length", OptionType.INTEGER, 0, "frames per episode; 0 follows seq_len (else " + DEFAULT_LENGTH + ")"),
                OptionSpec.of("size", OptionType.INTEGER, 0, "frame height and width in pixels, >= " + MIN_SIZE
                        + "; 0 follows image_size (else " + DEFAULT_SIZE + ")"),
                OptionSpec.of("seed", OptionType.INTEGER, -1, "dataset seed, >= 0; -1 follows the config's seed (else " + DEFAULT_SEED + ")"),
                OptionSpec.of("grid", OptionType.INTEGER, DEFAULT_GRID, "maze cells per side, 2.." + MazeGenerator.MAX_CELLS),
                OptionSpec.of("loops", OptionType.NUMBER, DEFAULT_LOOPS, "fraction (0..1) of the walls left after carving that are opened, making loops"),
                OptionSpec.of("mode", OptionType.STRING, WALK, "episode mode: " + WALK + " (a random walk) or " + REVISIT
                        + " (out-and-back legs that retrace their way, so later frames repeat earlier ones exactly)"),
                OptionSpec.of("revisit_leg", OptionType.INTEGER, 0, "in the " + REVISIT + " mode, steps out before turning back, >= 1;"
                        + " 0 is half the episode (one way out and back)"));
    }

    /** Reads the options from a whole config (its {@code maze} section and top-level keys). */
    static MazeOptions from(Settings config) {
        Settings maze = config.section(SECTION);
        int train = maze.getInt("train_episodes", 200);
        atLeast("maze.train_episodes", train, 0, "an episode count >= 0");
        int test = maze.getInt("test_episodes", 20);
        atLeast("maze.test_episodes", test, 0, "an episode count >= 0");

        int length = maze.getInt("episode_length", 0);
        if (length == 0) {
            length = config.getInt("seq_len", DEFAULT_LENGTH);
            atLeast("seq_len", length, 1, "a frame count >= 1 (the maze's episode length follows it as maze.episode_length is not set)");
        } else {
            atLeast("maze.episode_length", length, 1, "a frame count >= 1, or 0 to follow seq_len");
        }

        int size = maze.getInt("size", 0);
        if (size == 0) {
            size = config.getInt("image_size", DEFAULT_SIZE);
            atLeast("image_size", size, MIN_SIZE, "a frame size >= " + MIN_SIZE + " (the maze's frame size follows it as maze.size is not set)");
        } else {
            atLeast("maze.size", size, MIN_SIZE, "a frame size >= " + MIN_SIZE + ", or 0 to follow image_size");
        }

        long seed = maze.has("seed") ? maze.getLong("seed") : -1;
        if (seed == -1) {
            seed = config.has("seed") ? config.getLong("seed") : DEFAULT_SEED;
        } else if (seed < 0) {
            throw new BadInputException("maze.seed: expected a seed >= 0, or -1 to follow the config's seed, got " + seed);
        }

        int grid = maze.getInt("grid", DEFAULT_GRID);
        if (grid < 2 || grid > MazeGenerator.MAX_CELLS) {
            throw new BadInputException("maze.grid: expected cells per side in [2, " + MazeGenerator.MAX_CELLS + "], got " + grid);
        }
        double loops = maze.getDouble("loops", DEFAULT_LOOPS);
        if (!(loops >= 0 && loops <= 1)) {
            throw new BadInputException("maze.loops: expected a fraction in [0, 1], got " + loops);
        }

        String mode = maze.getString("mode", WALK);
        int leg = maze.getInt("revisit_leg", 0);
        atLeast("maze.revisit_leg", leg, 0, "a step count >= 1, or 0 for half the episode");
        int revisitLeg;
        if (mode.equals(WALK)) {
            revisitLeg = 0;
        } else if (mode.equals(REVISIT)) {
            revisitLeg = leg > 0 ? leg : Math.max(1, (length - 1) / 2);
        } else {
            throw new BadInputException("maze.mode: expected " + WALK + " or " + REVISIT + ", got '" + mode + "'");
        }

        long bytes = (long) length * size * size * 3;
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new BadInputException("maze.episode_length and maze.size: expected an episode of at most 2 GiB, got "
                    + length + " frames of " + size + "x" + size + " (" + bytes + " bytes)");
        }
        return new MazeOptions(train, test, length, size, seed, grid, loops, revisitLeg);
    }

    int episodes(Split split) {
        return split == Split.TRAIN ? trainEpisodes : testEpisodes;
    }

    private static void atLeast(String key, long value, long min, String expected) {
        if (value < min) {
            throw new BadInputException(key + ": expected " + expected + ", got " + value);
        }
    }
}
