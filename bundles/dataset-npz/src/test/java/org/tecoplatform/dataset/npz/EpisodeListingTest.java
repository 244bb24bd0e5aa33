package org.tecoplatform.dataset.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.Split;

class EpisodeListingTest {

    @TempDir
    Path tmp;

    @Test
    void listsSubfoldersAndTheSplitFolderInPathOrder() {
        Path root = Fixtures.file("dmlab");
        List<EpisodeRef> train = new DmlabDatasetReader().episodes(Fixtures.anyLength(root, "dmlab"), Split.TRAIN);
        assertThat(train).containsExactly(
                new EpisodeRef("train/0000/ep_a", Split.TRAIN, root.resolve("train/0000/ep_a.npz").toString(), 4),
                new EpisodeRef("train/0001/ep_b", Split.TRAIN, root.resolve("train/0001/ep_b.npz").toString(), 6),
                new EpisodeRef("train/ep_c", Split.TRAIN, root.resolve("train/ep_c.npz").toString(), 4));
        assertThat(new DmlabDatasetReader().episodes(Fixtures.anyLength(root, "dmlab"), Split.TEST))
                .extracting(EpisodeRef::id, EpisodeRef::frames).containsExactly(org.assertj.core.groups.Tuple.tuple("test/0000/ep_d", 5));
    }

    @Test
    void everyFileMustHaveTheDatasetsEpisodeLength() {
        Path root = Fixtures.file("dmlab");
        assertThatThrownBy(() -> new DmlabDatasetReader().episodes(Fixtures.config(root, "dmlab", Map.of()), Split.TRAIN))
                .isInstanceOf(BadInputException.class)
                .hasMessage("dmlab episode " + root.resolve("train/0000/ep_a.npz")
                        + ": 'video' has 4 frames: expected 300 (dmlab.episode_length; 0 accepts any length)");
        var skipping = Fixtures.config(root, "dmlab", Map.of("episode_length", 6, "on_bad_file", "skip"));
        List<EpisodeRef> six = new DmlabDatasetReader().episodes(skipping, Split.TRAIN);
        assertThat(six).extracting(EpisodeRef::id).containsExactly("train/0001/ep_b");
        assertThat(new DmlabDatasetReader().problems(skipping, Split.TRAIN))
                .containsExactly("dmlab episode " + root.resolve("train/0000/ep_a.npz")
                        + ": 'video' has 4 frames: expected 6 (dmlab.episode_length; 0 accepts any length)",
                        "dmlab episode " + root.resolve("train/ep_c.npz")
                        + ": 'video' has 4 frames: expected 6 (dmlab.episode_length; 0 accepts any length)");
    }

    @Test
    void orderIsStableWhateverTheFilesystemReturns() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("train/b/2.npz", "dmlab/train/ep_c.npz");
        files.put("train/a.npz", "dmlab/train/ep_c.npz");
        files.put("train/b/10.npz", "dmlab/train/ep_c.npz");
        files.put("train/A/z.npz", "dmlab/train/ep_c.npz");
        Path root = Fixtures.layout(tmp.resolve("d"), files);
        assertThat(new DmlabDatasetReader().episodes(Fixtures.anyLength(root, "dmlab"), Split.TRAIN))
                .extracting(EpisodeRef::id).containsExactly("train/A/z", "train/a", "train/b/10", "train/b/2");
    }

    @Test
    void leavesOutHiddenFilesDeeperFoldersAndOtherFiles() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("train/ep.npz", "dmlab/train/ep_c.npz");
        files.put("train/.ep.npz.1234.tmp", "dmlab/train/ep_c.npz");
        files.put("train/.hidden.npz", "dmlab/train/ep_c.npz");
        files.put("train/.cache/x.npz", "dmlab/train/ep_c.npz");
        files.put("train/a/b/too_deep.npz", "dmlab/train/ep_c.npz");
        files.put("train/notes.txt", "expected.txt");
        Path root = Fixtures.layout(tmp.resolve("d"), files);
        assertThat(new DmlabDatasetReader().episodes(Fixtures.anyLength(root, "dmlab"), Split.TRAIN))
                .extracting(EpisodeRef::id).containsExactly("train/ep");
    }

    @Test
    void followsASymlinkedSplitFolder() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("linked"));
        Path link = Files.createSymbolicLink(root.resolve("train"), Fixtures.file("dmlab/train"));
        try {
            assertThat(new DmlabDatasetReader().episodes(Fixtures.anyLength(root, "dmlab"), Split.TRAIN)).hasSize(3);
        } finally {
            // Removed here so that JUnit's clean-up does not warn about a link leaving the temp folder.
            Files.delete(link);
        }
    }

    @Test
    void anEmptyOrMissingSplitIsAnError() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("d/train/sub"));
        Path dataset = root.getParent().getParent();
        assertThatThrownBy(() -> new DmlabDatasetReader().episodes(Fixtures.anyLength(dataset, "dmlab"), Split.TRAIN))
                .isInstanceOf(BadInputException.class)
                .hasMessage("dmlab train split: expected .npz episode files in " + dataset.resolve("train") + " or its subfolders, found none");
        assertThatThrownBy(() -> new DmlabDatasetReader().episodes(Fixtures.anyLength(dataset, "dmlab"), Split.TEST))
                .hasMessage("dmlab test split: expected .npz episode files in " + dataset.resolve("test")
                        + " or its subfolders, found no such folder");
        assertThat(new DmlabDatasetReader().describe(Fixtures.anyLength(dataset, "dmlab")).episodes())
                .containsEntry(Split.TRAIN, 0).containsEntry(Split.TEST, 0);
    }
}
