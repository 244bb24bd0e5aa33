package org.tecoplatform.data.loader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;
import org.tecoplatform.pipeline.config.ConfigSettings;

/**
 * A dataset whose pixels say where they came from: in frame t of episode e, byte 0 is e, byte 1
 * is t, the rest a pattern of both; the action at frame t is {@code 1000·e + t}. Episode ids are
 * {@code ep<e>}. Tests can break it: a slow read, or an exception for one episode.
 */
class CodedReader implements DatasetReader {

    static final int SIZE = 4;
    static final int CHANNELS = 3;
    static final int FRAME_BYTES = SIZE * SIZE * CHANNELS;

    private final int[] lengths;
    private final boolean lengthsKnown;
    final AtomicInteger reads = new AtomicInteger();
    final Set<Thread> readerThreads = ConcurrentHashMap.newKeySet();
    volatile long delayMillis;
    volatile String failOn;
    volatile RuntimeException failure;
    /** When set, each read first takes a permit: the test decides when reads may happen. */
    volatile Semaphore gate;

    CodedReader(boolean lengthsKnown, int... lengths) {
        this.lengths = lengths.clone();
        this.lengthsKnown = lengthsKnown;
    }

    /** {@code n} episodes of {@code frames} frames each, lengths known up front. */
    static CodedReader uniform(int n, int frames) {
        int[] lengths = new int[n];
        Arrays.fill(lengths, frames);
        return new CodedReader(true, lengths);
    }

    static Settings config() {
        return ConfigSettings.of(Map.of("seq_len", 4, "batch_size", 2), Path.of("."));
    }

    static byte pixel(int episode, int frame, int i) {
        return switch (i) {
            case 0 -> (byte) episode;
            case 1 -> (byte) frame;
            default -> (byte) (episode * 13 + frame * 7 + i);
        };
    }

    static int action(int episode, int frame) {
        return 1000 * episode + frame;
    }

    /** Sleeps like a slow decode; an interrupt ends the read with an exception, as real I/O does. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("read interrupted", e);
        }
    }

    static int index(String id) {
        return Integer.parseInt(id.substring(2));
    }

    @Override
    public DatasetInfo describe(Settings config) {
        return new DatasetInfo("coded", SIZE, SIZE, CHANNELS, -1, 6, Map.of(Split.TRAIN, lengths.length, Split.TEST, 0));
    }

    @Override
    public List<EpisodeRef> episodes(Settings config, Split split) {
        List<EpisodeRef> refs = new ArrayList<>();
        if (split == Split.TRAIN) {
            for (int e = 0; e < lengths.length; e++) {
                refs.add(new EpisodeRef("ep" + e, split, "mem:" + e, lengthsKnown ? lengths[e] : -1));
            }
        }
        return refs;
    }

    @Override
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        reads.incrementAndGet();
        readerThreads.add(Thread.currentThread());
        if (ref.id().equals(failOn)) {
            throw failure;
        }
        if (delayMillis > 0) {
            pause(delayMillis);
        }
        Semaphore g = gate;
        if (g != null) {
            g.acquireUninterruptibly();
        }
        int e = index(ref.id());
        int start = window.isAll() ? 0 : window.start();
        int frames = window.isAll() ? lengths[e] : window.length();
        if (start + frames > lengths[e]) {
            throw new IllegalArgumentException("window [" + start + ", " + (start + frames) + ") past " + lengths[e] + " frames");
        }
        byte[] pixels = new byte[frames * FRAME_BYTES];
        int[] actions = new int[frames];
        for (int t = 0; t < frames; t++) {
            for (int i = 0; i < FRAME_BYTES; i++) {
                pixels[t * FRAME_BYTES + i] = pixel(e, start + t, i);
            }
            actions[t] = action(e, start + t);
        }
        return new Episode(ref.id(), new Video(frames, SIZE, SIZE, CHANNELS, pixels), actions);
    }
}
