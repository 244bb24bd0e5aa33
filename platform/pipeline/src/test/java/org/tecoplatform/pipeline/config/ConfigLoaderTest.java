package org.tecoplatform.pipeline.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.api.BadInputException;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheByteAndWhereItIs() throws Exception {
        Path file = dir.resolve("binary.yaml");
        Files.write(file, new byte[] {'s', 'e', 'e', 'd', ':', ' ', '1', '\n', 'x', (byte) 0xff, 0x00});
        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("expected UTF-8 text (YAML)")
                .hasMessageContaining("0xff at offset 9 (line 2)");
    }
}
