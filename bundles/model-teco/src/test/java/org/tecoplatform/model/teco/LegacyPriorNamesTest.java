package org.tecoplatform.model.teco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.train.AdamW;
import org.tecoplatform.nn.train.Checkpoints;
import org.tecoplatform.nn.train.LearningRateSchedule;
import org.tecoplatform.nn.train.RunRng;

/** A checkpoint written with MaskGit's old z_git prefix loads under the neutral prefix, values and moments intact. */
class LegacyPriorNamesTest {

    @Test
    void oldCheckpointLoadsUnderTheNeutralPrefix(@TempDir Path dir) throws Exception {
        ParamStore old = new ParamStore(3);
        old.put("z_git.token_embed", new int[] {2, 2}, new float[] {1, 2, 3, 4});
        old.put("decoder.conv.kernel", new int[] {1}, new float[] {5});
        Path saved = Checkpoints.save(dir, 10, old, new AdamW(AdamW.Settings.teco(0), LearningRateSchedule.warmupConstant(1e-3, 1)),
                new RunRng(1), "# config\n");
        assertThat(Files.isDirectory(saved)).isTrue();

        Checkpoints.Checkpoint c = LegacyPriorNames.upgrade(Checkpoints.load(saved));
        assertThat(c.params().names()).containsExactlyInAnyOrder("prior.token_embed", "decoder.conv.kernel");
        assertThat(c.params().get("prior.token_embed")).containsExactly(1, 2, 3, 4);
        assertThat(c.params().shape("prior.token_embed")).containsExactly(2, 2);
        assertThat(c.step()).isEqualTo(10);

        // A store already under the neutral prefix is returned as it is.
        assertThat(LegacyPriorNames.upgrade(c.params())).isSameAs(c.params());
    }

    @Test
    void bothPrefixesAtOnceAreRefused() {
        ParamStore both = new ParamStore(0);
        both.put("z_git.a", new int[] {1}, new float[] {1});
        both.put("prior.a", new int[] {1}, new float[] {2});
        assertThatThrownBy(() -> LegacyPriorNames.upgrade(both)).hasMessageContaining("both z_git.a and prior.a");
    }
}
