package org.tecoplatform.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.PluginKind;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.pipeline.plugins.MapPluginCatalog;

class ConfigValidatorTest {

    @TempDir
    Path dir;

    /** A dataset that only declares options; reading is not what these tests are about. */
    static final class OptionsOnlyDataset implements DatasetReader {
        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.of("size", OptionType.INTEGER, 64, "frame size"),
                    OptionSpec.of("style", OptionType.STRING, "plain", "wall style"));
        }

        @Override
        public DatasetInfo describe(Settings config) {
            throw new AssertionError("not called");
        }

        @Override
        public List<EpisodeRef> episodes(Settings config, Split split) {
            throw new AssertionError("not called");
        }

        @Override
        public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
            throw new AssertionError("not called");
        }
    }

    private final MapPluginCatalog catalog = new MapPluginCatalog()
            .add(PluginKind.DATASET, "maze", new OptionsOnlyDataset())
            .add(PluginKind.DATASET, "dmlab", new OptionsOnlyDataset());

    private RawConfig write(String yaml) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, yaml);
        return ConfigLoader.load(f);
    }

    @Test
    void unknownKeyNamesTheKeyTheLineAndTheClosestKnownKey() throws Exception {
        RawConfig raw = write("seed: 1\nz_tfm_kwargs:\n  embed_dm: 64\n");
        assertThatThrownBy(() -> ConfigValidator.resolve(raw, catalog))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("c.yaml:3")
                .hasMessageContaining("unknown key 'z_tfm_kwargs.embed_dm'")
                .hasMessageContaining("closest known key: 'z_tfm_kwargs.embed_dim'");
    }

    @Test
    void unknownTopLevelKeySuggestsTheNearestTecoKey() throws Exception {
        RawConfig raw = write("batchsize: 8\n");
        assertThatThrownBy(() -> ConfigValidator.resolve(raw, catalog))
                .hasMessageContaining("unknown key 'batchsize'").hasMessageContaining("'batch_size'");
    }

    @Test
    void wrongTypeNamesExpectedAndFound() throws Exception {
        RawConfig raw = write("batch_size: eight\nuse_actions: 3\n");
        assertThatThrownBy(() -> ConfigValidator.resolve(raw, catalog))
                .hasMessageContaining("2 problems")
                .hasMessageContaining("c.yaml:1: key 'batch_size' must be an integer, found the string 'eight'")
                .hasMessageContaining("c.yaml:2: key 'use_actions' must be a boolean, found the integer 3");
    }

    @Test
    void missingFileIsReportedWithTheResolvedPath() throws Exception {
        RawConfig raw = write("data_path: nowhere/data\n");
        assertThatThrownBy(() -> ConfigValidator.resolve(raw, catalog))
                .hasMessageContaining("key 'data_path' names " + dir.resolve("nowhere/data"))
                .hasMessageContaining("does not exist");
    }

    @Test
    void datasetNoBundleProvidesListsTheInstalledNames() throws Exception {
        RawConfig raw = write("pipeline:\n  dataset: minecraft\n");
        assertThatThrownBy(() -> ConfigValidator.resolve(raw, catalog))
                .hasMessageContaining("c.yaml:2")
                .hasMessageContaining("no bundle provides dataset 'minecraft'; installed datasets: dmlab, maze");
    }

    @Test
    void pluginSectionsAreCheckedAndCompletedWithDefaults() throws Exception {
        RawConfig raw = write("pipeline:\n  dataset: maze\nmaze:\n  size: 32\n");
        ResolvedConfig resolved = ConfigValidator.resolve(raw, catalog);
        assertThat(resolved.settings().getInt("maze.size")).isEqualTo(32);
        assertThat(resolved.settings().getString("maze.style")).isEqualTo("plain");

        RawConfig typo = write("pipeline:\n  dataset: maze\nmaze:\n  sise: 32\n");
        assertThatThrownBy(() -> ConfigValidator.resolve(typo, catalog))
                .hasMessageContaining("unknown key 'maze.sise' (closest known key: 'maze.size')");
    }

    @Test
    void numbersWrittenAsStringsAreAcceptedWhereNumbersAreExpected() throws Exception {
        RawConfig raw = write("lr: 1e-4\nbatch_size: '8'\n");
        ResolvedConfig resolved = ConfigValidator.resolve(raw, catalog);
        assertThat(resolved.settings().getDouble("lr")).isEqualTo(1e-4);
        assertThat(resolved.settings().getInt("batch_size")).isEqualTo(8);
    }

    @Test
    void overridesSetDottedKeysWithYamlValues() throws Exception {
        RawConfig raw = Overrides.apply(write("z_tfm_kwargs:\n  embed_dim: 64\n"),
                List.of("z_tfm_kwargs.embed_dim=128", "encoder.depths=[16, 32]", "pipeline.dataset=maze"));
        ResolvedConfig resolved = ConfigValidator.resolve(raw, catalog);
        assertThat(resolved.settings().getInt("z_tfm_kwargs.embed_dim")).isEqualTo(128);
        assertThat(resolved.settings().getIntList("encoder.depths")).containsExactly(16, 32);
        assertThat(resolved.dataset()).isEqualTo("maze");
    }

    @Test
    void overrideOfUnknownKeyIsRejectedWithSuggestion() throws Exception {
        RawConfig raw = Overrides.apply(write("seed: 1\n"), List.of("sed=2"));
        assertThatThrownBy(() -> ConfigValidator.resolve(raw, catalog))
                .hasMessageContaining("unknown key 'sed' (closest known key: 'seed')");
        assertThatThrownBy(() -> Overrides.apply(raw, List.of("seed")))
                .hasMessageContaining("--set expects key=value");
    }

    @Test
    void yamlSyntaxErrorsNameFileAndLine() throws Exception {
        assertThatThrownBy(() -> write("seed: 1\nbatch_size: [1, 2\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("c.yaml:").hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> write("seed: 1\nseed: 2\n")).hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml")))
                .hasMessageContaining("missing.yaml does not exist");
    }

    @Test
    void resolvedConfigRoundTripsThroughYaml() throws Exception {
        RawConfig raw = write("seed: 3\nencoder:\n  depths: [8, 16]\n  blocks: 1\npipeline:\n  dataset: maze\n");
        ResolvedConfig resolved = ConfigValidator.resolve(raw, catalog);
        RawConfig again = ConfigLoader.parse(null, resolved.toYaml());
        assertThat(again.values()).isEqualTo(resolved.values());
    }
}
