package org.tecoplatform.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tecoplatform.distribution.TecoProcess.Result;

/**
 * Every kind of bad dataset input, through the assembled CLI: exit code 2 and a message naming
 * the file, what was expected and what was found. The bad files are dataset-npz's committed
 * fixtures (made by tools/fixtures/make_npz_fixtures.py).
 */
class DataInspectBadInputIT {

    private static final Path BAD = Path.of("../bundles/dataset-npz/src/test/resources/fixtures/bad").toAbsolutePath();
    private static final Path GOOD = Path.of("../bundles/dataset-npz/src/test/resources/fixtures/dmlab").toAbsolutePath();

    @TempDir
    Path work;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("truncated.npz", "not a readable zip archive"),
                Arguments.of("not_a_zip.npz", "not a readable zip archive"),
                Arguments.of("missing_video.npz", "no 'video' array: expected"),
                Arguments.of("missing_actions.npz", "no 'actions' array: expected"),
                Arguments.of("video_float.npz", "'video' has dtype <f4: expected |u1 (uint8)"),
                Arguments.of("actions_float.npz", "'actions' has dtype <f4: expected an integer dtype"),
                Arguments.of("video_rank3.npz", "'video' has shape (2, 64, 64): expected 4 dimensions"),
                Arguments.of("actions_rank2.npz", "'actions' has shape (2, 1): expected one dimension"),
                Arguments.of("length_mismatch.npz", "'video' has 2 frames but 'actions' has 3 entries"),
                Arguments.of("wrong_resolution.npz", "'video' frames are 32x32: expected 64x64 for dmlab"),
                Arguments.of("video_gray.npz", "'video' has 1 channels: expected 3 (RGB)"),
                Arguments.of("huge_shape.npz", "expected at most 2147483639 bytes per array"),
                Arguments.of("size_mismatch.npz", "but the zip entry holds 228 bytes"));
    }

    private Path layoutWith(String badFile) throws Exception {
        Path root = work.resolve("data");
        Files.createDirectories(root.resolve("train/sub"));
        Files.createDirectories(root.resolve("test/sub"));
        Files.copy(BAD.resolve(badFile), root.resolve("train/sub/" + badFile));
        Files.copy(GOOD.resolve("test/0000/ep_d.npz"), root.resolve("test/sub/ep_d.npz"));
        return root;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileExits2NamingItWithExpectedAndFound(String badFile, String message) throws Exception {
        Path root = layoutWith(badFile);
        Result r = TecoProcess.run(work, "data", "inspect", "--dataset", "dmlab", "--path", root.toString(),
                "--set", "dmlab.episode_length=0");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("error: dmlab episode " + root.resolve("train/sub/" + badFile)).contains(message);
    }

    @Test
    void withSkipBadTheFileIsListedAsAProblemAndTheRestIsRead() throws Exception {
        Path root = layoutWith("truncated.npz");
        Files.copy(GOOD.resolve("train/0001/ep_b.npz"), root.resolve("train/sub/ep_b.npz"));
        Result r = TecoProcess.run(work, "data", "inspect", "--dataset", "dmlab", "--path", root.toString(),
                "--set", "dmlab.episode_length=0", "--skip-bad");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("train       1 episodes").contains("problems    1")
                .contains("truncated.npz").contains("not a readable zip archive");
    }

    @Test
    void anUnreadableMp4Exits2() throws Exception {
        Path root = work.resolve("kinetics");
        Path bad = Files.createDirectories(root.resolve("train/juggling")).resolve("clip.mp4");
        Files.write(bad, "this is not a video at all".repeat(100).getBytes());
        Files.createDirectories(root.resolve("test/juggling"));
        Result r = TecoProcess.run(work, "data", "inspect", "--dataset", "kinetics", "--path", root.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("error: kinetics video " + bad).contains("moov atom not found");
    }

    @Test
    void anEmptySplitExits2() throws Exception {
        Path root = work.resolve("empty");
        Files.createDirectories(root.resolve("train/sub"));
        Files.createDirectories(root.resolve("test"));
        Result r = TecoProcess.run(work, "data", "inspect", "--dataset", "dmlab", "--path", root.toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("dmlab train split: expected .npz episode files in " + root.resolve("train"))
                .contains("found none");
    }

    @Test
    void aMissingFolderExits2() throws Exception {
        Result r = TecoProcess.run(work, "data", "inspect", "--dataset", "dmlab", "--path", work.resolve("nowhere").toString());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("data_path").contains(work.resolve("nowhere").toString()).contains("does not exist");
    }
}
