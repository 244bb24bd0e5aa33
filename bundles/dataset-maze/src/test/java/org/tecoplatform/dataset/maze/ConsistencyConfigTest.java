package org.tecoplatform.dataset.maze;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.pipeline.config.ConfigLoader;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.pipeline.config.RawConfig;

/** configs/maze-consistency.yaml does what its comments say: the frames right after the context retrace it. */
class ConsistencyConfigTest {

    @Test
    void theFramesAfterTheContextAreTheWayBackThroughIt() {
        RawConfig raw = ConfigLoader.load(Path.of("../../configs/maze-consistency.yaml"));
        Settings config = ConfigSettings.of(raw.values(), raw.baseDir());
        MazeDatasetReader reader = new MazeDatasetReader();
        int ctx = config.getInt("open_loop_ctx");
        int frames = config.getInt("eval_seq_len");
        assertThat(ctx).isLessThan(config.getInt("seq_len"));
        EpisodeRef ref = reader.episodes(config, Split.TEST).get(0);
        Episode e = reader.read(config, ref, FrameWindow.ALL);
        assertThat(e.video().frames()).isGreaterThanOrEqualTo(frames);
        int fb = e.video().frameBytes();
        byte[] px = e.video().pixels();
        // Frame ctx - 1 + j is frame ctx - 1 - j, for the whole way back.
        for (int j = 1; j < ctx; j++) {
            int t = ctx - 1 + j;
            int c = ctx - 1 - j;
            assertThat(Arrays.equals(px, t * fb, (t + 1) * fb, px, c * fb, (c + 1) * fb)).as("frame %d", t).isTrue();
        }
    }
}
