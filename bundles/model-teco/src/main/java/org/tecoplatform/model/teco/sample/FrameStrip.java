package org.tecoplatform.model.teco.sample;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.tecoplatform.data.samples.VideoPair;

/**
 * A still of sampled videos, for pages and screenshots where a GIF shows only its first (context)
 * frame: two rows per video, real above generated, one column per chosen frame — the last context
 * frame, then frames 1, 2, 5, 10, 25 and 50 after it and the last one. Tiles are framed as in
 * {@link GifGrid}: green for context, red for generated.
 */
final class FrameStrip {

    /** Generated frames shown, counted from the first generated frame (1 = first). */
    private static final int[] AFTER = {1, 2, 5, 10, 25, 50};

    private FrameStrip() {
    }

    /** The 0-based frame indices shown for videos of {@code frames} frames, {@code context} of them given. */
    static List<Integer> columns(int frames, int context) {
        TreeSet<Integer> out = new TreeSet<>();
        out.add(context - 1);
        for (int a : AFTER) {
            if (context - 1 + a < frames) {
                out.add(context - 1 + a);
            }
        }
        out.add(frames - 1);
        return List.copyOf(out);
    }

    static void write(Path file, List<VideoPair> pairs, int context) throws IOException {
        if (pairs.isEmpty()) {
            return;
        }
        int frames = pairs.stream().mapToInt(p -> Math.min(p.real().frames(), p.fake().frames())).min().orElse(0);
        List<Integer> cols = columns(frames, context);
        int tileW = pairs.get(0).real().width() + 2 * GifGrid.BORDER;
        int tileH = pairs.get(0).real().height() + 2 * GifGrid.BORDER;
        int width = cols.size() * tileW + (cols.size() + 1) * GifGrid.GAP;
        // A wider gap between videos than between a video's two rows.
        int height = pairs.size() * (2 * tileH + 3 * GifGrid.GAP) + GifGrid.GAP;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        GifGrid.fill(img, 0, 0, width, height, GifGrid.BACKGROUND);
        for (int r = 0; r < pairs.size(); r++) {
            int y = GifGrid.GAP + r * (2 * tileH + 3 * GifGrid.GAP);
            for (int c = 0; c < cols.size(); c++) {
                int t = cols.get(c);
                int x = GifGrid.GAP + c * (tileW + GifGrid.GAP);
                int colour = t < context ? GifGrid.CONTEXT : GifGrid.GENERATED;
                GifGrid.tile(img, x, y, pairs.get(r).real(), t, colour);
                GifGrid.tile(img, x, y + tileH + GifGrid.GAP / 2, pairs.get(r).fake(), t, colour);
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        if (!ImageIO.write(img, "png", tmp.toFile())) {
            throw new IOException("no PNG writer for " + file);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
