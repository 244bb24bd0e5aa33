package org.tecoplatform.tokenizer.vqgan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.tecoplatform.api.Settings;
import org.tecoplatform.pipeline.config.ConfigSettings;

/** The PyTorch fixture (tools/fixtures/make_vqgan_fixture.py) and configs for it. */
final class Fixtures {

    private Fixtures() {
    }

    static Path resources() {
        try {
            return Path.of(Fixtures.class.getResource("/vqgan-tiny").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tokenizer directory. */
    static Path tokenizer() {
        return resources().resolve("vqgan-tiny");
    }

    static Path expected() {
        return resources().resolve("vqgan-tiny-expected");
    }

    static Settings config(Map<String, Object> section) {
        return ConfigSettings.of(Map.of(VqganOnnxTokenizer.NAME, section), resources());
    }

    static Settings config() {
        return ConfigSettings.of(Map.of(), resources());
    }

    /** A copy of the fixture's tokenizer directory under {@code dir}. */
    static Path copy(Path dir) {
        Path to = dir.resolve("tok");
        try (Stream<Path> files = Files.list(tokenizer())) {
            Files.createDirectories(to);
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
