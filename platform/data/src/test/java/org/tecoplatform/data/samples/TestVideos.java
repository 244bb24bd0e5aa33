package org.tecoplatform.data.samples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tecoplatform.api.Video;

/** Small random videos for samples tests. */
final class TestVideos {

    private TestVideos() {
    }

    static Video random(Random rnd, int frames, int h, int w) {
        byte[] px = new byte[frames * h * w * 3];
        rnd.nextBytes(px);
        return new Video(frames, h, w, 3, px);
    }

    /** {@code n} pairs of unrelated random real and fake videos. */
    static List<VideoPair> pairs(long seed, int n, int frames, int h, int w) {
        Random rnd = new Random(seed);
        List<VideoPair> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new VideoPair(random(rnd, frames, h, w), random(rnd, frames, h, w)));
        }
        return out;
    }
}
