package org.tecoplatform.npz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** Plugin bundles import this package from the launcher's class path, so the manifest must export it with its version. */
class ManifestTest {

    @Test
    void exportsThePackageWithItsVersion() throws IOException, URISyntaxException {
        Path classes = Path.of(NpzReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            Manifest m = new Manifest(in);
            assertThat(m.getMainAttributes().getValue("Export-Package")).isEqualTo("org.tecoplatform.npz;version=\"1.0.0\"");
        }
    }
}
