package org.tecoplatform.data.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;

/**
 * DMLab-shaped episodes of noise held in memory: the cheapest reader there is, so a benchmark
 * over it measures the loader. Each read copies its window, as a decoder would allocate.
 */
final class RandomVideoReader implements DatasetReader {

    private final int size;
    private final int frames;
    private final Video[] videos;
    final AtomicLong framesRead = new AtomicLong();

    RandomVideoReader(int episodes, int frames, int size) {
        this.size = size;
        this.frames = frames;
        this.videos = new Video[episodes];
        SplittableRandom random = new SplittableRandom(5);
        for (int e = 0; e < episodes; e++) {
            byte[] pixels = new byte[frames * size * size * 3];
            random.nextBytes(pixels);
            videos[e] = new Video(frames, size, size, 3, pixels);
        }
    }

    @Override
    public DatasetInfo describe(Settings config) {
        return new DatasetInfo("random", size, size, 3, frames, 6, Map.of(Split.TRAIN, videos.length));
    }

    @Override
    public List<EpisodeRef> episodes(Settings config, Split split) {
        List<EpisodeRef> refs = new ArrayList<>();
        for (int e = 0; split == Split.TRAIN && e < videos.length; e++) {
            refs.add(new EpisodeRef("random" + e, split, "mem:" + e, frames));
        }
        return refs;
    }

    @Override
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        Video v = videos[Integer.parseInt(ref.location().substring(4))];
        Video w = window.isAll() ? v.slice(0, frames) : v.slice(window.start(), window.length());
        framesRead.addAndGet(w.frames());
        return new Episode(ref.id(), w, new int[w.frames()]);
    }
}
