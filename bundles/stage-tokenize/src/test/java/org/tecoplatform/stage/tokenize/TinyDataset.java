package org.tecoplatform.stage.tokenize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;

/**
 * An in-memory dataset of size×size RGB episodes with the given lengths per split: pixels and
 * actions are a pure function of the episode id, so every read of an episode gives the same
 * episode. Records which episodes were read. Can simulate a failure (a disk going away) when
 * reading train episode {@code failAt}: the read waits until the encoder has taken the frames of
 * the episodes before it, then throws, so the failure always comes after exactly that many
 * episodes were encoded. Later train episodes then wait for their own predecessors, which never
 * come, until the loader's close interrupts them.
 */
final class TinyDataset implements DatasetReader {

    static final String NAME = "tiny";
    static final int ACTIONS = 4;

    private final int size;
    private final Map<Split, int[]> lengths;
    private final boolean knownLengths;
    private final List<String> reads = Collections.synchronizedList(new ArrayList<>());
    private int failAt = -1;
    private LongSupplier encodedFrames;

    TinyDataset(int size, Map<Split, int[]> lengths, boolean knownLengths) {
        this.size = size;
        this.lengths = lengths;
        this.knownLengths = knownLengths;
    }

    /** 32×32 episodes: train of lengths 5,3,8,5,1,6,4 and test of 4,4,2 (frames known from the references). */
    static TinyDataset standard() {
        return new TinyDataset(32, Map.of(Split.TRAIN, new int[] {5, 3, 8, 5, 1, 6, 4}, Split.TEST, new int[] {4, 4, 2}), true);
    }

    /** Reading train episode {@code index} fails once {@code encodedFrames} has reached the frames of the episodes before it. */
    TinyDataset failingAt(int index, LongSupplier encodedFrames) {
        this.failAt = index;
        this.encodedFrames = encodedFrames;
        return this;
    }

    List<String> reads() {
        synchronized (reads) {
            return List.copyOf(reads);
        }
    }

    @Override
    public DatasetInfo describe(Settings config) {
        return new DatasetInfo(NAME, size, size, 3, -1, ACTIONS, Map.of(Split.TRAIN, lengths.get(Split.TRAIN).length, Split.TEST,
                lengths.get(Split.TEST).length));
    }

    @Override
    public List<EpisodeRef> episodes(Settings config, Split split) {
        int[] l = lengths.get(split);
        List<EpisodeRef> refs = new ArrayList<>();
        for (int i = 0; i < l.length; i++) {
            refs.add(new EpisodeRef(id(split, i), split, "memory:" + id(split, i), knownLengths ? l[i] : -1));
        }
        return refs;
    }

    @Override
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        int index = Integer.parseInt(ref.id().substring(ref.id().indexOf('-') + 1));
        if (failAt >= 0 && ref.split() == Split.TRAIN && index >= failAt) {
            // Later episodes wait for their own predecessors (which never all come), so only episode failAt fails.
            long before = 0;
            for (int i = 0; i < index; i++) {
                before += lengths.get(Split.TRAIN)[i];
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (encodedFrames.getAsLong() < before && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (index > failAt) {
                throw new IllegalStateException("episode " + ref.id() + " was read after the simulated failure");
            }
            throw new IllegalStateException("simulated failure reading " + ref.id());
        }
        reads.add(ref.id());
        Episode whole = episode(ref.id(), lengths.get(ref.split())[index]);
        if (window.isAll()) {
            return whole;
        }
        return new Episode(ref.id(), whole.video().slice(window.start(), window.length()),
                java.util.Arrays.copyOfRange(whole.actions(), window.start(), window.start() + window.length()));
    }

    /** The episode with this id: smooth gradients plus noise, so codes vary across the frame and over time. */
    Episode episode(String id, int frames) {
        SplittableRandom r = new SplittableRandom(id.hashCode());
        byte[] pixels = new byte[frames * size * size * 3];
        int p = 0;
        for (int t = 0; t < frames; t++) {
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int c = 0; c < 3; c++) {
                        int v = (x * 8 * (c + 1) + y * 5 + t * 23 + r.nextInt(64)) & 0xFF;
                        pixels[p++] = (byte) v;
                    }
                }
            }
        }
        int[] actions = new int[frames];
        for (int t = 0; t < frames; t++) {
            actions[t] = r.nextInt(ACTIONS + 1);
        }
        return new Episode(id, new Video(frames, size, size, 3, pixels), actions);
    }

    static String id(Split split, int index) {
        return split.folder() + "-" + String.format("%03d", index);
    }
}
