package org.tecoplatform.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private long leftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)).count();
        }
    }

    @Test
    void writesAndReplacesAFile() throws Exception {
        Path file = Files.createDirectories(dir.resolve("sub")).resolve("a.txt");
        AtomicFiles.writeString(file, "one");
        AtomicFiles.writeString(file, "two");
        assertThat(Files.readString(file)).isEqualTo("two");
        AtomicFiles.writeVia(file, tmp -> Files.writeString(tmp, "three"));
        assertThat(Files.readString(file)).isEqualTo("three");
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("a.txt");
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFileLeavesNoTemporaryAndNamesTheTarget() throws Exception {
        Path file = dir.resolve("a.txt");
        AtomicFiles.writeString(file, "old");
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.write("half".getBytes());
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("cannot write " + file.toAbsolutePath() + ": No space left on device");
        assertThatThrownBy(() -> AtomicFiles.writeVia(file, tmp -> {
            Files.writeString(tmp, "half");
            throw new IOException("disk full");
        })).hasMessageContaining(file.toAbsolutePath().toString());
        assertThat(Files.readString(file)).isEqualTo("old");
        assertThat(leftovers()).isZero();
    }

    @Test
    void temporaryNamesAreHiddenAndDifferEachTime() {
        Path a = AtomicFiles.tempFor(dir.resolve("x.npz"));
        Path b = AtomicFiles.tempFor(dir.resolve("x.npz"));
        assertThat(a.getFileName().toString()).startsWith(".x.npz.").endsWith(".tmp");
        assertThat(a).isNotEqualTo(b).hasParentRaw(dir);
    }
}
