package org.tecoplatform.stage.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.data.tokens.TokenizerId;

/** The id follows the files that decide the codes, and nothing else. */
class TokenizerIdTest {

    @TempDir
    Path tmp;

    @Test
    void sameFilesSameIdWherever() throws Exception {
        String id = TokenizerId.of(Fixture.tokenizer());
        assertThat(id).matches("sha256:[0-9a-f]{64}");
        assertThat(TokenizerId.of(Fixture.copy(tmp.resolve("a")))).isEqualTo(id);
    }

    @Test
    void encoderMetadataAndCodebookCountDecoderAndHiddenFilesDoNot() throws Exception {
        String id = TokenizerId.of(Fixture.tokenizer());
        for (String file : new String[] {"encoder.onnx", "tokenizer.json", "codebook.npy"}) {
            Path copy = Fixture.copy(tmp.resolve(file));
            Files.write(copy.resolve(file), new byte[] {0}, StandardOpenOption.APPEND);
            assertThat(TokenizerId.of(copy)).as(file).isNotEqualTo(id);
        }
        Path copy = Fixture.copy(tmp.resolve("decoder"));
        Files.write(copy.resolve("decoder.onnx"), new byte[] {0}, StandardOpenOption.APPEND);
        Files.writeString(copy.resolve(".DS_Store"), "x");
        assertThat(TokenizerId.of(copy)).isEqualTo(id);
    }

    @Test
    void aRenamedFileChangesTheId() throws Exception {
        Path copy = Fixture.copy(tmp.resolve("r"));
        Files.move(copy.resolve("codebook.npy"), copy.resolve("codebook2.npy"));
        assertThat(TokenizerId.of(copy)).isNotEqualTo(TokenizerId.of(Fixture.tokenizer()));
    }

    @Test
    void aMissingDirectoryIsBadInput() {
        assertThatThrownBy(() -> TokenizerId.of(tmp.resolve("none"))).isInstanceOf(BadInputException.class)
                .hasMessage("tokenizer directory " + tmp.resolve("none") + " does not exist");
    }
}
