package org.tecoplatform.stage.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Metric;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageContext;
import org.tecoplatform.data.eval.EvalSummary;
import org.tecoplatform.data.eval.Evaluation;
import org.tecoplatform.data.eval.NamedMetric;
import org.tecoplatform.data.samples.SamplesFolder;
import org.tecoplatform.data.samples.SamplesReader;

/**
 * The {@code eval} stage: scores every samples folder the {@code sample} stage wrote
 * ({@code <run>/sample/samples[_action]_<ctx>/}, the original layout, or under {@code sample.out}
 * when the config moves them) with the metrics of
 * {@code pipeline.metrics}, and the copy-last-frame baseline with them. Writes
 * {@code eval.json} (one summary per folder, by folder name) and, per folder,
 * {@code <folder>/per_frame.csv} and {@code <folder>/per_frame.arrow}.
 */
@Component(service = Stage.class, property = "teco.name=" + EvalStage.NAME)
public final class EvalStage implements Stage {

    public static final String NAME = "eval";
    /** The stage whose output this one reads. */
    public static final String SAMPLE_STAGE = "sample";
    public static final String SUMMARY_FILE = "eval.json";
    public static final String TABLE_NAME = "per_frame";

    private static final Logger LOG = LoggerFactory.getLogger(EvalStage.class);

    @Override
    public String description() {
        return "score the sampled videos with the configured metrics against a copy-last-frame baseline";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.of("baseline", OptionType.BOOLEAN, true,
                "also score the copy-last-frame baseline (the last context frame repeated)"));
    }

    @Override
    public Set<PluginKind> uses() {
        return Set.of(PluginKind.METRIC);
    }

    @Override
    public Set<String> needs(Settings config) {
        return Set.of(SAMPLE_STAGE);
    }

    @Override
    public void run(StageContext context) throws Exception {
        List<NamedMetric> metrics = metrics(context);
        boolean baseline = context.config().section(NAME).getBoolean("baseline", true);
        Path samplesRoot = samplesRoot(context);
        List<Path> folders = SamplesFolder.find(samplesRoot);
        if (folders.isEmpty()) {
            throw new BadInputException("stage '" + NAME + "': no samples folders (samples_<ctx>/ or samples_action_<ctx>/) in "
                    + samplesRoot + "; the '" + SAMPLE_STAGE + "' stage writes them");
        }
        Evaluation evaluation = new Evaluation(metrics, baseline, context.config());
        Map<String, EvalSummary> summaries = new LinkedHashMap<>();
        for (Path folder : folders) {
            SamplesReader samples = SamplesReader.open(folder);
            String name = folder.getFileName().toString();
            Evaluation.Result result;
            try (Progress p = context.progress(NAME + " " + name, samples.videoCount(), "videos")) {
                result = evaluation.run(samples, Evaluation.contextFrames(samples), p::advance);
            }
            Path out = context.stageDir().resolve(name);
            result.table().writeCsv(out.resolve(TABLE_NAME + ".csv"));
            result.table().writeArrow(out.resolve(TABLE_NAME + ".arrow"));
            summaries.put(name, result.summary());
            LOG.info("{}", EvalLines.oneLine(result.summary()));
        }
        // Last, so a present eval.json means every folder's tables are there too.
        EvalSummary.writeAll(summaries, context.stageDir().resolve(SUMMARY_FILE));
    }

    /**
     * Where the sample stage put its folders: {@code sample.out} when the config sets it (the sample
     * stage resolves it against the working directory, so this does too), else {@code <run>/sample}.
     */
    static Path samplesRoot(StageContext context) {
        String out = context.config().getString(SAMPLE_STAGE + ".out", "");
        return out.isEmpty() ? context.stageDir(SAMPLE_STAGE) : Path.of(out).toAbsolutePath().normalize();
    }

    /** The configured metrics by name, in config order; none is bad input naming the key. */
    private static List<NamedMetric> metrics(StageContext context) {
        Settings config = context.config();
        List<String> names = config.has("pipeline.metrics") ? config.getStringList("pipeline.metrics") : List.of();
        if (names.isEmpty()) {
            throw new BadInputException("stage '" + NAME + "' needs metrics: set pipeline.metrics in the config, "
                    + "for example [psnr, ssim]");
        }
        List<NamedMetric> out = new ArrayList<>();
        for (String n : names) {
            out.add(new NamedMetric(n, context.plugin(Metric.class, n)));
        }
        return out;
    }
}
