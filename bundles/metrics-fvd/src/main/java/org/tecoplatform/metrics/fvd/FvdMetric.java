package org.tecoplatform.metrics.fvd;

import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.SetMetricSession;
import org.tecoplatform.api.ModelMetric;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Video;

/**
 * FVD of a whole samples folder, as the original computes it (teco/fvd.py, scripts/compute_fvd.py; see
 * this bundle's README): I3D features of every real and generated video (every frame, context
 * included), the Fréchet distance per chunk of {@code chunk_size} videos, mean ± std over chunks; KVD on
 * the same chunks; seeded bootstrap intervals for both. Lower is better.
 */
@Component(service = Metric.class, property = "teco.name=" + FvdMetric.NAME)
public final class FvdMetric implements ModelMetric {

    public static final String NAME = "fvd";
    public static final String TOOL = "tools/i3d_to_onnx.py";

    @Override
    public String description() {
        return "Frechet video distance (and KVD) of a samples folder from I3D features through ONNX Runtime, "
                + "per chunk of 256 videos with a bootstrap CI (lower is better); model folder from " + TOOL;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.of("model", OptionType.PATH, "", "the I3D model folder (i3d.onnx + model.json) that " + TOOL
                        + " writes"),
                OptionSpec.of("chunk_size", OptionType.INTEGER, 256, "videos per FVD computation (scripts/compute_fvd.py: 256)"),
                OptionSpec.of("min_videos", OptionType.INTEGER, 16, "fewest videos a folder needs for FVD"),
                OptionSpec.of("bootstrap", OptionType.INTEGER, 100, "bootstrap resamples for the confidence interval (0: none)"),
                OptionSpec.of("ci_level", OptionType.NUMBER, 0.95, "the confidence interval's level"),
                OptionSpec.of("seed", OptionType.INTEGER, 0, "the bootstrap's seed"),
                OptionSpec.of("kvd", OptionType.BOOLEAN, true, "also report KVD (polynomial-kernel MMD^2) on the same features"),
                OptionSpec.of("threads", OptionType.INTEGER, 0, "ONNX Runtime intra-op threads (0: its default)"),
                OptionSpec.of("use_cuda", OptionType.BOOLEAN, false, "run the I3D on ONNX Runtime's CUDA execution provider "
                        + "where a GPU is usable (the CPU otherwise, with a log line); ~1 TFLOP per 300-frame video"));
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public MetricScore score(Video real, Video fake, int contextFrames) {
        throw new BadInputException(NAME + " scores a whole samples folder, not one video: score it through a session "
                + "(teco eval and the eval stage do; set " + NAME + ".model)");
    }

    @Override
    public SetMetricSession open(Settings config) {
        Settings s = config.section(NAME);
        if (s.getString("model", "").isBlank()) {
            throw new BadInputException(NAME + ".model is not set: FVD needs an I3D model folder (i3d.onnx + model.json); "
                    + TOOL + " makes it from the TorchScript I3D (i3d_torchscript.pt) that StyleGAN-V uses, "
                    + "then set " + NAME + ".model in the config or pass --set " + NAME + ".model=DIR");
        }
        Path dir = s.getPath("model");
        FvdSession.Options o = new FvdSession.Options(positive(s, "chunk_size", 256, 2), positive(s, "min_videos", 16, 2),
                positive(s, "bootstrap", 100, 0), s.getDouble("ci_level", 0.95), s.getInt("seed", 0),
                s.getBoolean("kvd", true));
        if (!(o.ciLevel() > 0 && o.ciLevel() < 1)) {
            throw new BadInputException(NAME + ".ci_level: expected a number between 0 and 1, found " + o.ciLevel());
        }
        return new FvdSession(I3dModel.load(dir, NAME + ".model", positive(s, "threads", 0, 0), s.getBoolean("use_cuda", false)),
                o);
    }

    private static int positive(Settings s, String key, int fallback, int min) {
        int v = s.getInt(key, fallback);
        if (v < min) {
            throw new BadInputException(NAME + "." + key + ": expected an integer >= " + min + ", found " + v);
        }
        return v;
    }
}
