package org.tecoplatform.dataset.kinetics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.javacpp.Loader;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/**
 * Measures decode throughput at 128x128 output (a throwaway measurement, not a test): H.264
 * videos of Kinetics-like sizes are made with the ffmpeg program of the FFmpeg preset, then read
 * whole and in random 16-frame windows. Prints frames per second; asserts nothing.
 *
 * <p>Run: {@code java -cp <test class path> org.tecoplatform.dataset.kinetics.DecodeThroughput [folder]}
 */
public final class DecodeThroughput {

    private static final int FRAMES = 300;

    private DecodeThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("kinetics-throughput");
        KineticsDatasetReader reader = new KineticsDatasetReader();
        for (String size : List.of("340x256", "640x360", "1280x720")) {
            Path video = h264(dir.resolve("train/bench/" + size + ".mp4"), size);
            for (int threads : new int[] {1, 0}) {
                Settings config = Fixtures.config(dir, Map.of("decoder_threads", threads), "image_size", 128);
                EpisodeRef ref = reader.episodes(config, Split.TRAIN).stream().filter(r -> r.id().endsWith(size)).findFirst().orElseThrow();
                reader.read(config, ref, FrameWindow.ALL); // warm-up: JIT, native libraries
                long t0 = System.nanoTime();
                int reads = 5;
                for (int i = 0; i < reads; i++) {
                    reader.read(config, ref, FrameWindow.ALL);
                }
                double whole = reads * FRAMES / ((System.nanoTime() - t0) / 1e9);
                Random random = new Random(1);
                int windows = 40;
                t0 = System.nanoTime();
                for (int i = 0; i < windows; i++) {
                    reader.read(config, ref, new FrameWindow(random.nextInt(FRAMES - 16), 16));
                }
                double windowed = windows * 16 / ((System.nanoTime() - t0) / 1e9);
                System.out.printf("%-9s %s  whole video: %6.0f frames/s   random 16-frame windows: %6.0f frames/s%n", size,
                        threads == 0 ? "threads=auto" : "threads=" + threads, whole, windowed);
            }
        }
        Settings config = Fixtures.config(dir);
        long t0 = System.nanoTime();
        int listings = 200;
        for (int i = 0; i < listings; i++) {
            reader.episodes(config, Split.TRAIN);
        }
        System.out.printf("listing with header probes: %.3f ms per video%n", (System.nanoTime() - t0) / 1e6 / listings / 3);
    }

    /** 300 frames of a moving test pattern with noise, H.264 (OpenH264) at 30 fps and a keyframe every 60 frames. */
    private static Path h264(Path file, String size) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        String ffmpeg = Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
        Process p = new ProcessBuilder(ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=" + size + ":rate=30,noise=alls=12:allf=t", "-frames:v", String.valueOf(FRAMES), "-c:v", "libopenh264",
                "-b:v", "2M", "-g", "60", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed: " + output);
        }
        return file;
    }
}
