package org.tecoplatform.data.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;

/** Damaged files: a BadInputException naming the file, never a wrong number or another exception. */
@Timeout(120)
class TokenCorruptionTest {

    private static final TokenCacheInfo INFO = new TokenCacheInfo(1024, 2, 2, "t");

    @TempDir
    Path tmp;

    private byte[] good() throws IOException {
        Path file = tmp.resolve("good.arrow");
        try (TokenFileWriter w = TokenFileWriter.create(file, INFO, 2)) {
            for (int i = 0; i < 3; i++) {
                w.write(Episodes.make(INFO, i, 2 + i));
            }
            // A recognisable run of codes, to find in the bytes and damage.
            w.write(new TokenEpisode("marked", 1, new int[] {1001, 1002, 1003, 1004}, new int[] {6}));
            w.commit();
        }
        return Files.readAllBytes(file);
    }

    private Path save(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    /** Opens and reads every episode, as training would. */
    private static void readAll(Path file) throws IOException {
        try (TokenFile f = TokenFile.open(file, INFO)) {
            for (int r = 0; r < f.size(); r++) {
                f.episode(r);
            }
        }
    }

    @Test
    void truncatedFiles() throws IOException {
        byte[] bytes = good();
        for (int keep : new int[] {0, 5, 12, bytes.length / 2, bytes.length - 1}) {
            Path cut = save("cut" + keep + ".arrow", Arrays.copyOf(bytes, keep));
            assertThatThrownBy(() -> TokenFile.open(cut)).as("cut at %d", keep).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(cut + ": not a complete Arrow IPC file (");
        }
        assertThatThrownBy(() -> TokenFile.open(tmp.resolve("absent.arrow"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void notArrowAtAll() throws IOException {
        Path text = save("text.arrow", "episode_id,frames\nep0,3\n".repeat(3).getBytes());
        assertThatThrownBy(() -> TokenFile.open(text)).isInstanceOf(BadInputException.class)
                .hasMessage(text + ": not a complete Arrow IPC file (it does not start with ARROW1)");
    }

    @Test
    void codeOutsideTheCodebook() throws IOException {
        byte[] bytes = good();
        int at = indexOf(bytes, new byte[] {(byte) 0xE9, 0x03, (byte) 0xEA, 0x03, (byte) 0xEB, 0x03});
        bytes[at + 2] = (byte) 0xFF;
        bytes[at + 3] = (byte) 0x7F;
        Path file = save("badcode.arrow", bytes);
        try (TokenFile f = TokenFile.open(file, INFO)) {
            assertThat(f.readCodes(3, 0, 1).length).as("the check happens on read").isEqualTo(4);
        } catch (BadInputException e) {
            assertThat(e).hasMessage(file + ": corrupt token cache file (episode marked: code 32767 at value 1 is outside [0, 1024))");
            return;
        }
        fail("a code of 32767 in a 1024-code cache was read without complaint");
    }

    @Test
    void footerLengthPointingOutside() throws IOException {
        byte[] bytes = good();
        int at = bytes.length - 10;
        bytes[at + 3] = 0x40;
        Path file = save("footer.arrow", bytes);
        assertThatThrownBy(() -> TokenFile.open(file)).isInstanceOf(BadInputException.class)
                .hasMessageMatching("\\Q" + file + ": corrupt token cache file (footer length \\E-?\\d+ does not fit a \\d+-byte file\\)");
    }

    @Test
    void everySingleByteDamageIsCaughtOrHarmless() throws IOException {
        byte[] bytes = good();
        int caught = 0;
        int harmless = 0;
        for (int mask : new int[] {0x01, 0x5A, 0x80, 0xFF}) {
          for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= (byte) mask;
            Path file = save("flip.arrow", damaged);
            try {
                readAll(file);
                harmless++;
            } catch (BadInputException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
                caught++;
            } catch (RuntimeException | IOException e) {
                throw new AssertionError("byte " + i + " of " + bytes.length + " xor " + mask + ": " + e, e);
            }
            Files.delete(file);
          }
        }
        // Padding and code values can change unnoticed (there is no checksum); structure cannot.
        assertThat(caught).isGreaterThan(bytes.length);
        assertThat(harmless).isPositive();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("marker not found");
    }
}
