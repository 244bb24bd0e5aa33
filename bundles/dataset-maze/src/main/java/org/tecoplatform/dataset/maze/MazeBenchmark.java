package org.tecoplatform.dataset.maze;

import java.util.Locale;
import org.tecoplatform.api.Split;

/**
 * Measures how fast episodes render on the calling thread, for {@code teco bench data} and
 * for a quick check by hand: {@code java -cp dataset-maze.jar:teco-api.jar
 * org.tecoplatform.dataset.maze.MazeBenchmark [size] [frames]}.
 */
public final class MazeBenchmark {

    private MazeBenchmark() {
    }

    /**
     * Renders 300-frame episodes of {@code size}x{@code size} (7x7 cells) until at least
     * {@code frames} frames are done, after a short warm-up, and returns frames per second.
     */
    public static double framesPerSecond(int size, int frames) {
        MazeEpisodeRenderer renderer = new MazeEpisodeRenderer(size, MazeOptions.DEFAULT_GRID, MazeOptions.DEFAULT_LOOPS);
        int episodeLength = 300;
        long sink = 0;
        for (int i = 0; i < 20; i++) {
            sink += renderer.render(MazeEpisodeRenderer.episodeSeed(-1, Split.TRAIN, i), episodeLength).pixels()[0];
        }
        int done = 0;
        long t0 = System.nanoTime();
        for (int i = 0; done < frames; i++) {
            sink += renderer.render(MazeEpisodeRenderer.episodeSeed(1, Split.TRAIN, i), episodeLength).pixels()[0];
            done += episodeLength;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Using the result keeps the JIT from discarding the work.
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink);
        }
        return done / seconds;
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        double fps = framesPerSecond(size, frames);
        System.out.printf(Locale.ROOT, "maze %dx%d: %.0f frames/s on one thread%n", size, size, fps);
    }
}
