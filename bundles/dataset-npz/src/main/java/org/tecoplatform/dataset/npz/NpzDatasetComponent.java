package org.tecoplatform.dataset.npz;

import java.util.List;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/** The dataset services: each names its {@link NpzDatasetSpec} and hands every call to the shared reader. */
abstract class NpzDatasetComponent implements DatasetReader {

    private final NpzEpisodeReader reader;

    NpzDatasetComponent(NpzDatasetSpec spec) {
        this.reader = new NpzEpisodeReader(spec);
    }

    @Override
    public String description() {
        return reader.spec().description();
    }

    @Override
    public List<OptionSpec> options() {
        return reader.options();
    }

    @Override
    public DatasetInfo describe(Settings config) {
        return reader.describe(config);
    }

    @Override
    public List<EpisodeRef> episodes(Settings config, Split split) {
        return reader.episodes(config, split);
    }

    @Override
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        return reader.read(config, ref, window);
    }

    @Override
    public List<String> problems(Settings config, Split split) {
        return reader.problems(config, split);
    }

}
