package org.tecoplatform.dataset.maze;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;

/**
 * Writes {@code target/maze-contact-sheet.png}: every 10th frame of the first episodes, one
 * episode per row, for a person to look at; the test checks that the PNG holds those frames.
 */
class ContactSheetTest {

    private static final int SIZE = 64;
    private static final int EPISODES = 4;
    private static final int COLUMNS = 12;
    private static final int EVERY = 10;
    private static final int GAP = 2;

    @Test
    void writesAContactSheetOfTheFirstEpisodes() throws IOException {
        MazeEpisodeRenderer renderer = new MazeEpisodeRenderer(SIZE, 7, 0.15);
        int cell = SIZE + GAP;
        BufferedImage sheet = new BufferedImage(COLUMNS * cell, EPISODES * cell, BufferedImage.TYPE_INT_RGB);
        Video[] videos = new Video[EPISODES];
        for (int e = 0; e < EPISODES; e++) {
            videos[e] = renderer.render(MazeEpisodeRenderer.episodeSeed(1, Split.TRAIN, e), COLUMNS * EVERY);
            for (int c = 0; c < COLUMNS; c++) {
                draw(videos[e], c * EVERY, sheet, c * cell, e * cell);
            }
        }
        Path out = Path.of("target", "maze-contact-sheet.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(sheet, "png", out.toFile());

        BufferedImage back = ImageIO.read(out.toFile());
        assertThat(back.getWidth()).isEqualTo(COLUMNS * cell);
        for (int e = 0; e < EPISODES; e++) {
            for (int c = 0; c < COLUMNS; c++) {
                byte[] px = videos[e].pixels();
                int o = (c * EVERY * SIZE * SIZE + (SIZE / 2) * SIZE + SIZE / 3) * 3;
                int rgb = back.getRGB(c * cell + SIZE / 3, e * cell + SIZE / 2) & 0xFFFFFF;
                assertThat(rgb).isEqualTo((px[o] & 255) << 16 | (px[o + 1] & 255) << 8 | (px[o + 2] & 255));
            }
        }
    }

    private static void draw(Video v, int frame, BufferedImage sheet, int x0, int y0) {
        byte[] px = v.pixels();
        int base = frame * v.frameBytes();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int o = base + (y * SIZE + x) * 3;
                sheet.setRGB(x0 + x, y0 + y, (px[o] & 255) << 16 | (px[o + 1] & 255) << 8 | (px[o + 2] & 255));
            }
        }
    }
}
