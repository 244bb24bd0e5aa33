package org.tecoplatform.dataset.maze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.pipeline.config.ConfigSettings;

class MazeDatasetReaderTest {

    private final MazeDatasetReader reader = new MazeDatasetReader();

    /** A config with the given top-level keys and {@code maze} section. */
    static Settings config(Map<String, Object> top, Map<String, Object> maze) {
        Map<String, Object> values = new LinkedHashMap<>(top);
        if (maze != null) {
            values.put("maze", maze);
        }
        return ConfigSettings.of(values, Path.of("."));
    }

    static Settings small() {
        return config(Map.of(), Map.of("size", 24, "episode_length", 30, "train_episodes", 4, "test_episodes", 2));
    }

    @Test
    void describesTheDefaultsWithoutAnyConfig() {
        DatasetInfo info = reader.describe(config(Map.of(), null));
        assertThat(info).isEqualTo(new DatasetInfo("maze", 64, 64, 3, 300, 6, Map.of(Split.TRAIN, 200, Split.TEST, 20)));
        assertThat(info.noAction()).isEqualTo(RandomWalkAgent.NO_ACTION);
    }

    @Test
    void followsTheTopLevelImageSizeSeqLenAndSeedUnlessTheSectionSetsThem() {
        Settings top = config(Map.of("image_size", 32, "seq_len", 16, "seed", 9), null);
        DatasetInfo info = reader.describe(top);
        assertThat(info.height()).isEqualTo(32);
        assertThat(info.episodeLength()).isEqualTo(16);
        assertThat(reader.episodes(top, Split.TRAIN).get(0).location()).isEqualTo("maze:9:train:0");

        Settings own = config(Map.of("image_size", 32, "seq_len", 16, "seed", 9), Map.of("size", 48, "episode_length", 20, "seed", 3));
        info = reader.describe(own);
        assertThat(info.height()).isEqualTo(48);
        assertThat(info.width()).isEqualTo(48);
        assertThat(info.episodeLength()).isEqualTo(20);
        assertThat(reader.episodes(own, Split.TEST).get(1).location()).isEqualTo("maze:3:test:1");
    }

    @Test
    void theDeclaredDefaultsMeanTheSameAsLeavingTheKeysOut() {
        // The pipeline fills a section with the declared defaults; that must not hide image_size and friends.
        Map<String, Object> filled = new HashMap<>();
        for (OptionSpec o : reader.options()) {
            assertThat(o.required()).as(o.key()).isFalse();
            filled.put(o.key(), o.defaultValue());
        }
        Map<String, Object> top = Map.of("image_size", 40, "seq_len", 12, "seed", 5);
        assertThat(reader.describe(config(top, filled))).isEqualTo(reader.describe(config(top, null)));
        assertThat(reader.episodes(config(top, filled), Split.TRAIN)).isEqualTo(reader.episodes(config(top, null), Split.TRAIN));
        EpisodeRef ref = reader.episodes(config(top, null), Split.TRAIN).get(0);
        assertThat(reader.read(config(top, filled), ref, FrameWindow.ALL)).isEqualTo(reader.read(config(top, null), ref, FrameWindow.ALL));
        assertThat(reader.options()).extracting(OptionSpec::key)
                .containsExactly("train_episodes", "test_episodes", "episode_length", "size", "seed", "grid", "loops", "mode", "revisit_leg");
    }

    @Test
    void listsEpisodesWithStableIdsAndLocations() {
        List<EpisodeRef> train = reader.episodes(small(), Split.TRAIN);
        List<EpisodeRef> test = reader.episodes(small(), Split.TEST);
        assertThat(train).extracting(EpisodeRef::id).containsExactly("train-00000", "train-00001", "train-00002", "train-00003");
        assertThat(test).extracting(EpisodeRef::location).containsExactly("maze:1:test:0", "maze:1:test:1");
        assertThat(train).allSatisfy(r -> {
            assertThat(r.frames()).isEqualTo(30);
            assertThat(r.split()).isEqualTo(Split.TRAIN);
        });
        assertThat(reader.episodes(small(), Split.TRAIN)).isEqualTo(train);
        assertThat(reader.episodes(config(Map.of(), Map.of("test_episodes", 0)), Split.TEST)).isEmpty();
    }

    @Test
    void readsEpisodesOfTheDescribedShapeDeterministically() {
        EpisodeRef ref = reader.episodes(small(), Split.TRAIN).get(2);
        Episode a = reader.read(small(), ref, FrameWindow.ALL);
        assertThat(a.id()).isEqualTo("train-00002");
        assertThat(a.video().frames()).isEqualTo(30);
        assertThat(a.video().height()).isEqualTo(24);
        assertThat(a.video().width()).isEqualTo(24);
        assertThat(a.video().channels()).isEqualTo(3);
        assertThat(a.video().pixels()).hasSize(30 * 24 * 24 * 3);
        assertThat(a.actions()).hasSize(30);
        assertThat(a.actions()[0]).isEqualTo(6);
        assertThat(reader.read(small(), ref, FrameWindow.ALL)).isEqualTo(a);
    }

    @Test
    void differentEpisodesSplitsAndSeedsGiveDifferentVideos() {
        Episode train0 = reader.read(small(), reader.episodes(small(), Split.TRAIN).get(0), FrameWindow.ALL);
        Episode train1 = reader.read(small(), reader.episodes(small(), Split.TRAIN).get(1), FrameWindow.ALL);
        Episode test0 = reader.read(small(), reader.episodes(small(), Split.TEST).get(0), FrameWindow.ALL);
        Settings otherSeed = config(Map.of("seed", 2), Map.of("size", 24, "episode_length", 30));
        Episode seed2 = reader.read(otherSeed, reader.episodes(otherSeed, Split.TRAIN).get(0), FrameWindow.ALL);
        assertThat(train0.video()).isNotEqualTo(train1.video());
        assertThat(train0.video()).isNotEqualTo(test0.video());
        assertThat(train0.video()).isNotEqualTo(seed2.video());
    }

    @Test
    void aWindowReadEqualsTheSliceOfTheFullRead() {
        EpisodeRef ref = reader.episodes(small(), Split.TEST).get(1);
        Episode full = reader.read(small(), ref, FrameWindow.ALL);
        Episode window = reader.read(small(), ref, new FrameWindow(11, 7));
        assertThat(window.video()).isEqualTo(full.video().slice(11, 7));
        assertThat(window.actions()).isEqualTo(Arrays.copyOfRange(full.actions(), 11, 18));
        Episode tail = reader.read(small(), ref, new FrameWindow(25, -1));
        assertThat(tail.video()).isEqualTo(full.video().slice(25, 5));
        assertThat(reader.read(small(), ref, new FrameWindow(30, 0)).frames()).isZero();
    }

    @Test
    void windowsOutsideTheEpisodeAreRefused() {
        EpisodeRef ref = reader.episodes(small(), Split.TRAIN).get(0);
        assertThatThrownBy(() -> reader.read(small(), ref, new FrameWindow(25, 10)))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("train-00000").hasMessageContaining("30 frames").hasMessageContaining("[25, 35)");
        assertThatThrownBy(() -> reader.read(small(), ref, new FrameWindow(31, -1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("30 frames");
    }

    @Test
    void foreignLocationsAreRefused() {
        for (String loc : List.of("dmlab:/data/x.npz", "maze:1:valid:0", "maze:x:train:0", "maze:1:train:-3", "maze:1:TRAIN:0", "maze:1:train")) {
            EpisodeRef ref = new EpisodeRef("odd", Split.TRAIN, loc, 30);
            assertThatThrownBy(() -> reader.read(small(), ref, FrameWindow.ALL)).as(loc)
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("maze:<seed>:<train|test>:<index>").hasMessageContaining(loc);
        }
        EpisodeRef crossed = new EpisodeRef("odd", Split.TRAIN, "maze:1:test:0", 30);
        assertThatThrownBy(() -> reader.read(small(), crossed, FrameWindow.ALL))
                .isInstanceOf(BadInputException.class).hasMessageContaining("split train");
    }

    @Test
    void badOptionValuesNameTheKeyTheExpectedAndTheActualValue() {
        assertBad(Map.of(), Map.of("size", 8), "maze.size", ">= 16", "got 8");
        assertBad(Map.of(), Map.of("size", -64), "maze.size", ">= 16", "got -64");
        assertBad(Map.of("image_size", 12), null, "image_size", ">= 16", "got 12");
        assertBad(Map.of(), Map.of("episode_length", -1), "maze.episode_length", ">= 1", "got -1");
        assertBad(Map.of("seq_len", 0), null, "seq_len", ">= 1", "got 0");
        assertBad(Map.of(), Map.of("train_episodes", -5), "maze.train_episodes", ">= 0", "got -5");
        assertBad(Map.of(), Map.of("test_episodes", -1), "maze.test_episodes", ">= 0", "got -1");
        assertBad(Map.of(), Map.of("grid", 1), "maze.grid", "[2, 100]", "got 1");
        assertBad(Map.of(), Map.of("grid", 101), "maze.grid", "[2, 100]", "got 101");
        assertBad(Map.of(), Map.of("loops", 1.5), "maze.loops", "[0, 1]", "got 1.5");
        assertBad(Map.of(), Map.of("seed", -5), "maze.seed", ">= 0", "got -5");
        assertBad(Map.of(), Map.of("size", 4096, "episode_length", 100_000), "maze.episode_length", "maze.size", "2 GiB");
        // Wrong types are reported by the settings themselves, with the full key.
        assertBad(Map.of(), Map.of("size", "big"), "maze.size", "integer", "big");
    }

    private void assertBad(Map<String, Object> top, Map<String, Object> maze, String... parts) {
        Settings c = config(top, maze);
        assertThatThrownBy(() -> reader.describe(c)).isInstanceOf(BadInputException.class).hasMessageContainingAll(parts);
        assertThatThrownBy(() -> reader.episodes(c, Split.TRAIN)).isInstanceOf(BadInputException.class);
    }

    @Test
    void describesItselfAndDeclaresTypedOptions() {
        assertThat(reader.description()).contains("maze");
        for (OptionSpec o : reader.options()) {
            assertThat(o.help()).isNotBlank();
            assertThat(o.type().accepts(o.defaultValue())).isTrue();
        }
    }

    @Test
    void isRegisteredAsTheMazeDatasetReaderService() throws IOException {
        // bnd writes the Declarative Services descriptor from the annotation before the tests run.
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("OSGI-INF/" + MazeDatasetReader.class.getName() + ".xml")) {
            assertThat(in).as("DS descriptor").isNotNull();
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(xml).contains("interface=\"org.tecoplatform.api.DatasetReader\"")
                    .contains("name=\"teco.name\"").contains("value=\"maze\"");
        }
    }
}
