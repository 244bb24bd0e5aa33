package org.tecoplatform.data.loader;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Video;

/**
 * Builds batch k of an {@link EpochPlan}: reads its episodes (or just their windows), then copies
 * them into the batch arrays, normalising on the way. Stateless apart from the shared pool, so
 * several workers use one assembler.
 */
final class BatchAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(BatchAssembler.class);

    /** One sample: its episode as read and where its window starts inside {@code episode}. */
    private record Sample(EpisodeRef ref, Episode episode, int offset, int start, int frames) {
    }

    private final DatasetReader reader;
    private final Settings config;
    private final EpochPlan plan;
    private final LoaderOptions options;
    private final ArrayPool pool;

    BatchAssembler(DatasetReader reader, Settings config, EpochPlan plan, LoaderOptions options, ArrayPool pool) {
        this.reader = reader;
        this.config = config;
        this.plan = plan;
        this.options = options;
        this.pool = pool;
    }

    /** The batch, or {@code null} when every one of its episodes was skipped as too short. */
    Batch build(long index) {
        EpochPlan.Slice slice = plan.slice(index);
        List<Sample> samples = new ArrayList<>(slice.count());
        for (int i = 0; i < slice.count(); i++) {
            int position = slice.first() + i;
            Sample s = read(plan.at(slice.epoch(), position), slice.epoch(), position);
            if (s != null) {
                samples.add(s);
            }
        }
        return samples.isEmpty() ? null : assemble(slice, samples);
    }

    private Sample read(EpisodeRef ref, long epoch, int position) {
        int seqLen = options.seqLen();
        if (options.windowPolicy() == WindowPolicy.RANDOM && ref.frames() >= 0) {
            // The length is known: read only the window (readers that can seek do less work).
            int start = SampleRandom.windowStart(options.seed(), epoch, position, ref.frames(), seqLen);
            Episode e = reader.read(config, ref, new FrameWindow(start, seqLen));
            if (e.frames() != seqLen) {
                throw new BadInputException("episode " + ref.id() + " (" + ref.location() + "): the dataset reader returned "
                        + e.frames() + " frames for the window [" + start + ", " + (start + seqLen) + ") of its " + ref.frames()
                        + " frames, expected " + seqLen);
            }
            return new Sample(ref, e, 0, start, seqLen);
        }
        Episode e = reader.read(config, ref, FrameWindow.ALL);
        if (e.frames() < options.minFrames()) {
            if (options.shortEpisodes() == ShortEpisodePolicy.FAIL) {
                throw ShortEpisodes.tooShort(ref.id(), ref.location(), e.frames(), options.minFrames());
            }
            LOG.warn("skipping episode {} ({}): {} frames, fewer than {}", ref.id(), ref.location(), e.frames(), options.minFrames());
            return null;
        }
        if (options.windowPolicy() == WindowPolicy.FULL) {
            return new Sample(ref, e, 0, 0, e.frames());
        }
        int start = SampleRandom.windowStart(options.seed(), epoch, position, e.frames(), seqLen);
        return new Sample(ref, e, start, start, seqLen);
    }

    private Batch assemble(EpochPlan.Slice slice, List<Sample> samples) {
        Sample first = samples.get(0);
        Video v0 = first.episode().video();
        int frames = first.frames();
        for (Sample s : samples) {
            Video v = s.episode().video();
            if (v.height() != v0.height() || v.width() != v0.width() || v.channels() != v0.channels()) {
                throw new BadInputException("episode " + s.ref().id() + " has frames of " + v.height() + "x" + v.width()
                        + "x" + v.channels() + " but episode " + first.ref().id() + " in the same batch has "
                        + v0.height() + "x" + v0.width() + "x" + v0.channels());
            }
            if (s.frames() != frames) {
                throw new BadInputException("episode " + s.ref().id() + " has " + s.frames() + " frames but episode "
                        + first.ref().id() + " in the same batch has " + frames
                        + "; whole episodes of different lengths need batch size 1");
            }
        }
        int b = samples.size();
        int frameBytes = v0.frameBytes();
        long values = (long) b * frames * frameBytes;
        if (values > Integer.MAX_VALUE - 8) {
            throw new BadInputException("a batch of " + b + "x" + frames + " frames of " + v0.height() + "x" + v0.width() + "x"
                    + v0.channels() + " is " + values + " values, more than one Java array holds; lower batch_size or seq_len");
        }
        int sampleValues = frames * frameBytes;
        float[] pixels = options.pixelFormat().wantsFloat() ? pool.floats((int) values) : null;
        byte[] raw = options.pixelFormat().wantsRaw() ? pool.bytes((int) values) : null;
        int[] actions = new int[b * frames];
        String[] ids = new String[b];
        int[] starts = new int[b];
        for (int i = 0; i < b; i++) {
            Sample s = samples.get(i);
            byte[] src = s.episode().video().pixels();
            int srcOff = s.offset() * frameBytes;
            if (pixels != null) {
                Pixels.toUnit(src, srcOff, pixels, i * sampleValues, sampleValues);
            }
            if (raw != null) {
                System.arraycopy(src, srcOff, raw, i * sampleValues, sampleValues);
            }
            System.arraycopy(s.episode().actions(), s.offset(), actions, i * frames, frames);
            ids[i] = s.ref().id();
            starts[i] = s.start();
        }
        return new Batch(slice.batch(), slice.epoch(), b, frames, v0.height(), v0.width(), v0.channels(), pixels, raw, actions,
                ids, starts);
    }
}
