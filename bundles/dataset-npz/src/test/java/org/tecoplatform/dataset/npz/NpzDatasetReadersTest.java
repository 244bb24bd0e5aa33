package org.tecoplatform.dataset.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Split;
import org.tecoplatform.pipeline.config.ConfigSettings;

class NpzDatasetReadersTest {

    @TempDir
    Path tmp;

    @Test
    void describesDmlab() {
        DatasetReader dmlab = new DmlabDatasetReader();
        DatasetInfo info = dmlab.describe(Fixtures.config(Fixtures.file("dmlab"), "dmlab", Map.of()));
        assertThat(info).isEqualTo(new DatasetInfo("dmlab", 64, 64, 3, 300, 6, Map.of(Split.TRAIN, 3, Split.TEST, 1)));
        assertThat(info.noAction()).isEqualTo(6);
        assertThat(dmlab.describe(Fixtures.anyLength(Fixtures.file("dmlab"), "dmlab")).episodeLength()).isEqualTo(-1);
        assertThat(dmlab.description()).contains("64x64");
    }

    @Test
    void describesMinecraftAndHabitat() {
        for (DatasetReader reader : new DatasetReader[] {new MinecraftDatasetReader(), new HabitatDatasetReader()}) {
            String name = reader instanceof MinecraftDatasetReader ? "minecraft" : "habitat";
            DatasetInfo info = reader.describe(Fixtures.config(Fixtures.file("res128"), name, Map.of(), "image_size", 128));
            assertThat(info).isEqualTo(new DatasetInfo(name, 128, 128, 3, 300, 6, Map.of(Split.TRAIN, 1, Split.TEST, 1)));
        }
    }

    @Test
    void declaresItsOptions() {
        assertThat(new DmlabDatasetReader().options()).containsExactly(
                new OptionSpec("on_bad_file", OptionType.STRING, "fail",
                        "a file that is not a valid episode: fail (stop, naming it) or skip (warn and leave it out)"),
                new OptionSpec("episode_length", OptionType.INTEGER, 300, "frames every episode file must hold; 0 accepts any length"));
    }

    @Test
    void imageSizeMustBeTheDatasetsResolution() {
        assertThatThrownBy(() -> new DmlabDatasetReader().describe(
                Fixtures.config(Fixtures.file("dmlab"), "dmlab", Map.of(), "image_size", 128)))
                .isInstanceOf(BadInputException.class)
                .hasMessage("image_size: expected 64 for the dmlab dataset (its frames are 64x64), found 128");
        assertThatThrownBy(() -> new HabitatDatasetReader().episodes(
                Fixtures.config(Fixtures.file("res128"), "habitat", Map.of(), "image_size", 64), Split.TRAIN))
                .hasMessage("image_size: expected 128 for the habitat dataset (its frames are 128x128), found 64");
    }

    @Test
    void onBadFileMustBeFailOrSkip() {
        assertThatThrownBy(() -> new DmlabDatasetReader().episodes(
                Fixtures.config(Fixtures.file("dmlab"), "dmlab", Map.of("on_bad_file", "ignore")), Split.TRAIN))
                .isInstanceOf(BadInputException.class).hasMessage("dmlab.on_bad_file: expected fail or skip, found 'ignore'");
        assertThatThrownBy(() -> new DmlabDatasetReader().episodes(
                Fixtures.config(Fixtures.file("dmlab"), "dmlab", Map.of("episode_length", -3)), Split.TRAIN))
                .hasMessage("dmlab.episode_length: expected a frame count >= 1, or 0 for any length, found -3");
    }

    @Test
    void dataPathMustBeAFolder() throws Exception {
        Path missing = tmp.resolve("nowhere");
        assertThatThrownBy(() -> new DmlabDatasetReader().describe(Fixtures.config(missing, "dmlab", Map.of())))
                .isInstanceOf(BadInputException.class)
                .hasMessage("data_path: expected the dmlab dataset folder (holding train/ and test/), found nothing at " + missing);
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        assertThatThrownBy(() -> new DmlabDatasetReader().episodes(Fixtures.config(file, "dmlab", Map.of()), Split.TEST))
                .hasMessage("data_path: expected the dmlab dataset folder (holding train/ and test/), found a file that is not a folder at " + file);
        assertThatThrownBy(() -> new DmlabDatasetReader().describe(ConfigSettings.of(Map.of(), tmp)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("data_path");
    }

    @Test
    void relativeDataPathResolvesAgainstTheConfigFolder() {
        DatasetInfo info = new DmlabDatasetReader().describe(ConfigSettings.of(Map.of("data_path", "dmlab"), Fixtures.root()));
        assertThat(info.episodes()).containsEntry(Split.TRAIN, 3);
    }
}
