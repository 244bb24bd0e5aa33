package org.tecoplatform.stage.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageContext;
import org.tecoplatform.data.export.DatasetExport;
import org.tecoplatform.data.export.DatasetSummary;

/**
 * The {@code data} stage: reads every episode of the configured dataset once (so bad files show
 * up before training), writes them in the DMLab npz layout under {@code <run>/data/{train,test}/}
 * when {@code data.export} is on, and writes {@code summary.json} (splits, episodes, frames,
 * resolution, action histogram). Episodes already exported are kept, so an interrupted run
 * continues where it stopped.
 */
@Component(service = Stage.class, property = "teco.name=data")
public final class DataStage implements Stage {

    private static final Logger LOG = LoggerFactory.getLogger(DataStage.class);

    @Override
    public String description() {
        return "check the dataset and write its episodes as npz files with a summary";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.of("export", OptionType.BOOLEAN, true, "write the episodes as npz files (DMLab layout)"),
                OptionSpec.of("compressed", OptionType.BOOLEAN, true, "np.savez_compressed instead of np.savez"));
    }

    @Override
    public Set<PluginKind> uses() {
        return Set.of(PluginKind.DATASET);
    }

    @Override
    public void run(StageContext context) throws Exception {
        Settings options = context.config().section("data");
        String dataset = context.config().getString("pipeline.dataset");
        DatasetExport export = new DatasetExport(context.dataset(), context.config(), dataset,
                options.getBoolean("export", true), options.getBoolean("compressed", true));
        Path out = context.stageDir();
        for (Split split : Split.values()) {
            int episodes = export.episodes(split).size();
            try (Progress p = context.progress(dataset + " " + split.folder(), episodes, "episodes")) {
                export.write(split, out, p::advance);
            }
        }
        DatasetSummary summary = export.summary();
        summary.write(out.resolve("summary.json"));
        LOG.info("Dataset {}: {}", dataset, summary.oneLine());
    }
}
