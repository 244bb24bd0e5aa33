package com.example.tiny;

import java.nio.file.Files;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Progress;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Stage;
import org.tecoplatform.api.StageContext;

/** A minimal stage plugin: reads every training episode of the configured dataset and writes the frame count. */
@Component(service = Stage.class, property = "teco.name=count-frames")
public final class CountFramesStage implements Stage {

    @Override
    public String description() {
        return "count the frames of the training split";
    }

    @Override
    public Set<PluginKind> uses() {
        return Set.of(PluginKind.DATASET);
    }

    @Override
    public void run(StageContext context) throws Exception {
        DatasetReader dataset = context.dataset();
        long frames = 0;
        var episodes = dataset.episodes(context.config(), Split.TRAIN);
        try (Progress p = context.progress("counting", episodes.size(), "episodes")) {
            for (EpisodeRef ref : episodes) {
                Episode e = dataset.read(context.config(), ref, FrameWindow.ALL);
                frames += e.frames();
                p.advance(1);
            }
        }
        Files.writeString(context.stageDir().resolve("frames.txt"), Long.toString(frames));
    }
}
