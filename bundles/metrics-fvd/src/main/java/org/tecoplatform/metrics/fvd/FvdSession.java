package org.tecoplatform.metrics.fvd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.MetricSession;
import org.tecoplatform.api.SetScore;
import org.tecoplatform.api.Video;

/**
 * Collects I3D features of each named set's real and generated videos and scores the sets at the end.
 * The real video of a pair is embedded once even when several sets (the model's, the baseline's) get it.
 */
final class FvdSession implements MetricSession {

    record Options(int chunkSize, int minVideos, int bootstrap, double ciLevel, long seed, boolean kvd) {
    }

    private final I3dModel model;
    private final Options options;
    private final Map<String, List<double[]>> real = new LinkedHashMap<>();
    private final Map<String, List<double[]>> fake = new LinkedHashMap<>();
    private Video lastReal;
    private double[] lastRealFeatures;

    FvdSession(I3dModel model, Options options) {
        this.model = model;
        this.options = options;
    }

    @Override
    public boolean perVideo() {
        return false;
    }

    @Override
    public MetricScore score(Video real, Video fake, int contextFrames) {
        throw new UnsupportedOperationException(FvdMetric.NAME + " scores sets of videos, not each video");
    }

    @Override
    public void add(String set, Video r, Video f, int contextFrames) {
        check(r, f);
        if (r != lastReal) {
            lastRealFeatures = features(r);
            lastReal = r;
        }
        real.computeIfAbsent(set, k -> new ArrayList<>()).add(lastRealFeatures);
        fake.computeIfAbsent(set, k -> new ArrayList<>()).add(features(f));
    }

    private double[] features(Video v) {
        float[] f = model.embed(v);
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private void check(Video r, Video f) {
        if (r.frames() != f.frames() || r.height() != f.height() || r.width() != f.width() || r.channels() != f.channels()) {
            throw new BadInputException(FvdMetric.NAME + ": the real video is " + r + " but the generated one is " + f
                    + " (expected the same shape)");
        }
        if (r.channels() != 3) {
            throw new BadInputException(FvdMetric.NAME + ": frames have " + r.channels() + " channels, expected 3 (RGB)");
        }
        if (r.frames() < model.minFrames()) {
            throw new BadInputException(FvdMetric.NAME + ": videos of " + r.frames() + " frames are too short for the I3D "
                    + "(expected at least " + model.minFrames() + ", model.json key min_frames)");
        }
    }

    @Override
    public List<SetScore> finish(String set) {
        List<double[]> r = real.getOrDefault(set, List.of());
        List<double[]> f = fake.getOrDefault(set, List.of());
        if (r.size() < options.minVideos()) {
            throw new BadInputException(FvdMetric.NAME + ": " + r.size() + " videos in set '" + set
                    + "' are too few for FVD (expected at least " + options.minVideos() + ", fvd.min_videos; the original "
                    + "computes it on chunks of 256)");
        }
        double[][] ra = r.toArray(new double[0][]);
        double[][] fa = f.toArray(new double[0][]);
        List<SetScore> out = new ArrayList<>();
        out.add(SetStatistics.score("fvd", FrechetDistance::of, ra, fa, options.chunkSize(), options.bootstrap(),
                options.seed(), options.ciLevel()));
        if (options.kvd()) {
            out.add(SetStatistics.score("kvd", KernelDistance::of, ra, fa, options.chunkSize(), options.bootstrap(),
                    options.seed(), options.ciLevel()));
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
