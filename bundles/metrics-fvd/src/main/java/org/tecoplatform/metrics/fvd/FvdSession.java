package org.tecoplatform.metrics.fvd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.SetMetricSession;
import org.tecoplatform.api.SetScore;
import org.tecoplatform.api.Video;

/**
 * Collects I3D features of each named set's real and generated videos and scores the sets at the end.
 * The real video of a pair is embedded once even when several sets (the model's, the baseline's) get it.
 */
final class FvdSession implements SetMetricSession {

    private static final Logger LOG = LoggerFactory.getLogger(FvdSession.class);

    /**
     * Features whose largest standard deviation across a set's videos is below this fraction of their
     * magnitude (at least 1) do not depend on the videos: see {@link #unresponsive}.
     */
    static final double UNRESPONSIVE = 1e-5;

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
        unresponsive(set, ra, fa).ifPresent(LOG::warn);
        List<SetScore> out = new ArrayList<>();
        out.add(SetStatistics.score("fvd", FrechetDistance::of, ra, fa, options.chunkSize(), options.bootstrap(),
                options.seed(), options.ciLevel()));
        if (options.kvd()) {
            out.add(SetStatistics.score("kvd", KernelDistance::of, ra, fa, options.chunkSize(), options.bootstrap(),
                    options.seed(), options.ciLevel()));
        }
        return out;
    }

    /**
     * A warning when the I3D gave (nearly) the same features to every real and generated video of a set:
     * then FVD and KVD are ~0 whatever the videos, which a random-weight or broken graph does (a
     * full-width I3D with PyTorch's default init gives features that differ by ~1e-8 between pure noise
     * and a smooth gradient). Real I3D features differ between videos by O(1).
     */
    static Optional<String> unresponsive(String set, double[][] real, double[][] fake) {
        int n = real.length + fake.length;
        int d = real[0].length;
        double spread = 0;
        double magnitude = 0;
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (double[][] part : new double[][][] {real, fake}) {
                for (double[] x : part) {
                    sum += x[i];
                    magnitude = Math.max(magnitude, Math.abs(x[i]));
                }
            }
            double mean = sum / n;
            double var = 0;
            for (double[][] part : new double[][][] {real, fake}) {
                for (double[] x : part) {
                    var += (x[i] - mean) * (x[i] - mean);
                }
            }
            spread = Math.max(spread, Math.sqrt(var / n));
        }
        if (spread > UNRESPONSIVE * Math.max(1, magnitude)) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s: the I3D gave the %d real and generated videos of set '%s' "
                + "(nearly) the same features (largest standard deviation across videos %.3g, features up to %.3g), so "
                + "FVD and KVD are ~0 whatever the videos: is the model folder a random-weight or broken I3D, or are "
                + "all the videos alike?", FvdMetric.NAME, n, set, spread, magnitude));
    }

    @Override
    public void close() {
        model.close();
    }
}
