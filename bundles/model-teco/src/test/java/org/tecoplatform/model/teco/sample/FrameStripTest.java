package org.tecoplatform.model.teco.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.Video;
import org.tecoplatform.data.samples.VideoPair;

class FrameStripTest {

    @TempDir
    Path dir;

    @Test
    void columnsAreTheLastContextFrameThenChosenGeneratedFramesAndTheLast() {
        assertThat(FrameStrip.columns(100, 4)).containsExactly(3, 4, 5, 8, 13, 28, 53, 99);
        // Short videos: only the frames that exist, no repeats.
        assertThat(FrameStrip.columns(6, 4)).containsExactly(3, 4, 5);
        assertThat(FrameStrip.columns(5, 1)).containsExactly(0, 1, 2, 4);
    }

    @Test
    void drawsRealAboveGeneratedWithContextAndGeneratedFrames() throws Exception {
        int frames = 6;
        int context = 4;
        // Every pixel of frame t is t * 40 in the real video, 255 − t * 40 in the fake one.
        VideoPair pair = new VideoPair(video(frames, false), video(frames, true));
        Path png = dir.resolve("strip.png");
        FrameStrip.write(png, List.of(pair, pair), context);

        BufferedImage img = ImageIO.read(png.toFile());
        int tile = 8 + 2 * GifGrid.BORDER;
        int columns = FrameStrip.columns(frames, context).size();
        assertThat(img.getWidth()).isEqualTo(columns * tile + (columns + 1) * GifGrid.GAP);
        assertThat(img.getHeight()).isEqualTo(2 * (2 * tile + 3 * GifGrid.GAP) + GifGrid.GAP);
        // Column 0 shows frame 3 (context, green frame), column 1 frame 4 (generated, red frame).
        int x0 = GifGrid.GAP;
        int x1 = GifGrid.GAP + tile + GifGrid.GAP;
        int y = GifGrid.GAP;
        assertThat(img.getRGB(x0, y) & 0xffffff).isEqualTo(GifGrid.CONTEXT);
        assertThat(img.getRGB(x1, y) & 0xffffff).isEqualTo(GifGrid.GENERATED);
        assertThat(img.getRGB(x0 + GifGrid.BORDER, y + GifGrid.BORDER) & 0xff).isEqualTo(3 * 40);
        assertThat(img.getRGB(x1 + GifGrid.BORDER, y + GifGrid.BORDER) & 0xff).isEqualTo(4 * 40);
        int fakeRow = y + tile + GifGrid.GAP / 2 + GifGrid.BORDER;
        assertThat(img.getRGB(x1 + GifGrid.BORDER, fakeRow) & 0xff).isEqualTo(255 - 4 * 40);
    }

    private static Video video(int frames, boolean fake) {
        byte[] p = new byte[frames * 8 * 8 * 3];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < 8 * 8 * 3; i++) {
                p[t * 8 * 8 * 3 + i] = (byte) (fake ? 255 - t * 40 : t * 40);
            }
        }
        return new Video(frames, 8, 8, 3, p);
    }
}
