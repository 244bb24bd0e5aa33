package org.tecoplatform.stage.traintokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;

/** 16×16 episodes of flat-coloured 4×4 blocks (what a 4× downsampling tokenizer can learn in a few steps). */
final class TinyFrames implements DatasetReader {

    static final int SIZE = 16;
    static final int FRAMES = 8;
    private final int size;

    TinyFrames() {
        this(SIZE);
    }

    TinyFrames(int size) {
        this.size = size;
    }

    @Override
    public DatasetInfo describe(Settings config) {
        return new DatasetInfo("tiny", size, size, 3, FRAMES, 3, Map.of(Split.TRAIN, 4, Split.TEST, 2));
    }

    @Override
    public List<EpisodeRef> episodes(Settings config, Split split) {
        List<EpisodeRef> refs = new ArrayList<>();
        int n = split == Split.TRAIN ? 4 : 2;
        for (int i = 0; i < n; i++) {
            refs.add(new EpisodeRef(split.folder() + "-" + i, split, "memory", FRAMES));
        }
        return refs;
    }

    @Override
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        SplittableRandom r = new SplittableRandom(ref.id().hashCode());
        int[][] palette = {{200, 40, 40}, {40, 200, 40}, {40, 40, 200}, {220, 220, 60}};
        byte[] px = new byte[FRAMES * size * size * 3];
        for (int t = 0; t < FRAMES; t++) {
            int[] block = new int[(size / 4) * (size / 4)];
            for (int b = 0; b < block.length; b++) {
                block[b] = r.nextInt(palette.length);
            }
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int[] c = palette[block[(y / 4) * (size / 4) + x / 4]];
                    for (int k = 0; k < 3; k++) {
                        px[((t * size + y) * size + x) * 3 + k] = (byte) c[k];
                    }
                }
            }
        }
        Video v = new Video(FRAMES, size, size, 3, px);
        int[] actions = new int[FRAMES];
        if (window.isAll()) {
            return new Episode(ref.id(), v, actions);
        }
        return new Episode(ref.id(), v.slice(window.start(), window.length()), java.util.Arrays.copyOf(actions, window.length()));
    }

    @Override
    public List<String> problems(Settings config, Split split) {
        return List.of();
    }
}
