package org.tecoplatform.data.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.Split;

class SplitFilesTest {

    @TempDir
    Path root;

    private void touch(String rel) throws Exception {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "x");
    }

    @Test
    void aLinkThatLeadsNowhereIsListedSoItsReaderReportsIt() throws Exception {
        touch("train/a/1.npz");
        Files.createSymbolicLink(root.resolve("train/a/dangling.npz"), root.resolve("nowhere.npz"));
        Files.createSymbolicLink(root.resolve("train/a/self.npz"), Path.of("self.npz"));
        assertThat(SplitFiles.list(root, Split.TRAIN, ".npz", true, "episode files"))
                .extracting(f -> SplitFiles.relative(root.resolve("train"), f)).containsExactly("a/1.npz", "a/dangling.npz", "a/self.npz");
    }

    @Test
    void listsTheLayoutInPathOrderAndLeavesOutWhatIsNotPartOfIt() throws Exception {
        for (String f : List.of("train/b/2.npz", "train/a/1.NPZ", "train/top.npz", "train/.hidden/3.npz", "train/a/.tmp.npz",
                "train/a/deep/4.npz", "train/a/notes.txt", "test/x/5.npz")) {
            touch(f);
        }
        Files.createDirectories(root.resolve("train/a/dir.npz"));

        List<Path> withTop = SplitFiles.list(root, Split.TRAIN, ".npz", true, "episode files");
        assertThat(withTop).extracting(f -> SplitFiles.relative(root.resolve("train"), f))
                .containsExactly("a/1.NPZ", "b/2.npz", "top.npz");
        assertThat(SplitFiles.list(root, Split.TRAIN, ".npz", false, "videos"))
                .extracting(f -> SplitFiles.relative(root.resolve("train"), f)).containsExactly("a/1.NPZ", "b/2.npz");
        assertThat(SplitFiles.id(root, Split.TRAIN, root.resolve("train/b/2.npz"), ".npz")).isEqualTo("train/b/2");
        assertThat(SplitFiles.list(root.resolve("missing"), Split.TEST, ".npz", true, "episode files")).isEmpty();
    }

    @Test
    void policiesHaveTheirConfigValues() {
        assertThat(BadFilePolicy.FAIL.configValue()).isEqualTo("fail");
        assertThat(BadFilePolicy.SKIP.configValue()).isEqualTo("skip");
    }
}
