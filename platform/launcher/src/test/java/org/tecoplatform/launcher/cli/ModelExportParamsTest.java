package org.tecoplatform.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tecoplatform.launcher.CliTestSupport.teco;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.launcher.CliTestSupport.Result;
import org.tecoplatform.nn.Init;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.train.AdamW;
import org.tecoplatform.nn.train.Checkpoints;
import org.tecoplatform.nn.train.LearningRateSchedule;
import org.tecoplatform.nn.train.RunRng;
import org.tecoplatform.npz.NpzReader;

class ModelExportParamsTest {

    @TempDir
    Path dir;

    @Test
    void exportsEveryParameterOfTheNewestCheckpointByNameAndShape() throws Exception {
        ParamStore params = new ParamStore(7);
        float[] kernel = params.getOrCreate("Dense_0.kernel", new int[] {3, 4}, Init.lecunNormal());
        params.getOrCreate("Dense_0.bias", new int[] {4}, Init.zeros());
        AdamW opt = new AdamW(AdamW.Settings.teco(1e-5), LearningRateSchedule.constant(1e-3));
        Path root = dir.resolve("checkpoints");
        Checkpoints.save(root, 1, params, opt, new RunRng(1), "seed: 1\n");
        params.put("Dense_0.kernel", new int[] {3, 4}, new float[12]);
        Checkpoints.save(root, 2, params, opt, new RunRng(1), "seed: 1\n");

        Path out = dir.resolve("export/params.npz");
        Result r = teco("model", "export-params", root.toString(), "--npz", out.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("Dense_0.bias\\s+\\[4\\]\\s+4").containsPattern("Dense_0.kernel\\s+\\[3, 4\\]\\s+12")
                .contains("2 parameters, 16 values").contains("step_000000000002");
        try (NpzReader npz = NpzReader.open(out)) {
            assertThat(npz.keys()).containsExactly("Dense_0.bias", "Dense_0.kernel");
            assertThat(npz.read("Dense_0.kernel").toFloats()).containsOnly(0f).hasSize(12);
        }
        assertThat(kernel).isNotEqualTo(new float[12]);
    }

    @Test
    void aFolderWithoutCheckpointsIsBadInput() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        Result r = teco("model", "export-params", dir.resolve("empty").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("no complete checkpoint in " + dir.resolve("empty"));
    }
}
