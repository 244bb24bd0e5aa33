package org.tecoplatform.npz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A benchmark, not a test (no assertions; surefire does not run it): the time to read whole episodes
 * with {@link NpzReader}, to compare with numpy's {@code np.load} on the same files.
 *
 * <pre>
 * java -cp target/classes:target/test-classes org.tecoplatform.npz.NpzReadBenchmark write DIR
 * java -cp target/classes:target/test-classes org.tecoplatform.npz.NpzReadBenchmark read DIR [repeats]
 * </pre>
 *
 * {@code write} makes DIR/compressed and DIR/stored, each with 20 episodes of a (300, 64, 64, 3) uint8
 * {@code video} (blocky, so compressible like rendered frames) and an int32 {@code actions}.
 * {@code read} reads every episode's video ({@code readUint8}) and actions once to warm up, then
 * prints the best of {@code repeats} (default 5) passes for each folder. Only the public API is
 * used, so the same class times an older build of the reader on its class path. numpy's side,
 * the same protocol on the same files:
 *
 * <pre>
 * for f in sorted(glob.glob(DIR + "/compressed/*.npz")):   # and /stored
 *     with np.load(f) as z: z["video"]; z["actions"]        # one warm pass, then best of 5 passes
 * </pre>
 */
public final class NpzReadBenchmark {

    private static final int EPISODES = 20;
    private static final int FRAMES = 300;
    private static final int SIDE = 64;

    private NpzReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: NpzReadBenchmark write|read DIR [repeats]");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        if (args[0].equals("write")) {
            write(dir);
            return;
        }
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        for (String kind : new String[] {"compressed", "stored"}) {
            Path[] files = Files.list(dir.resolve(kind)).sorted().toArray(Path[]::new);
            long sink = pass(files);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                sink += pass(files);
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
            }
            System.out.printf(Locale.ROOT, "%s: best of %d: %.1f ms for %d files (checksum %d)%n", kind, repeats, best, files.length, sink);
        }
    }

    private static long pass(Path[] files) throws IOException {
        long sink = 0;
        for (Path f : files) {
            try (NpzReader npz = NpzReader.open(f)) {
                byte[] video = npz.readUint8("video");
                NpyArray actions = npz.read("actions");
                sink += video[video.length / 2] + actions.elementCount();
            }
        }
        return sink;
    }

    private static void write(Path dir) throws IOException {
        for (String kind : new String[] {"compressed", "stored"}) {
            Files.createDirectories(dir.resolve(kind));
        }
        Random random = new Random(7);
        for (int e = 0; e < EPISODES; e++) {
            byte[] video = new byte[FRAMES * SIDE * SIDE * 3];
            // 8x8 blocks of one colour that drift a pixel per frame, plus 2 bits of noise per channel
            // (sensor-like), so deflate gets about 2.5x: inflating, not copying, dominates as in real episodes.
            byte[][] palette = new byte[64][3];
            for (byte[] c : palette) {
                random.nextBytes(c);
            }
            int[] blocks = random.ints(64, 0, palette.length).toArray();
            for (int t = 0; t < FRAMES; t++) {
                if (t % 30 == 0) {
                    blocks[random.nextInt(blocks.length)] = random.nextInt(palette.length);
                }
                for (int y = 0; y < SIDE; y++) {
                    for (int x = 0; x < SIDE; x++) {
                        byte[] c = palette[blocks[((y / 8) * 8 + ((x + t) / 8) % 8) % blocks.length]];
                        int i = ((t * SIDE + y) * SIDE + x) * 3;
                        int noise = random.nextInt(64);
                        video[i] = (byte) (c[0] + (noise & 3));
                        video[i + 1] = (byte) (c[1] + (noise >> 2 & 3));
                        video[i + 2] = (byte) (c[2] + (noise >> 4));
                    }
                }
            }
            int[] actions = random.ints(FRAMES, 0, 7).toArray();
            Map<String, NpyArray> arrays = new LinkedHashMap<>();
            arrays.put("video", NpyArray.uint8(new int[] {FRAMES, SIDE, SIDE, 3}, video));
            arrays.put("actions", NpyArray.int32(new int[] {FRAMES}, actions));
            String name = String.format(Locale.ROOT, "episode_%03d.npz", e);
            NpzWriter.write(dir.resolve("compressed").resolve(name), arrays, true);
            NpzWriter.write(dir.resolve("stored").resolve(name), arrays, false);
        }
    }
}
