package org.tecoplatform.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tecoplatform.launcher.CliTestSupport.teco;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tecoplatform.launcher.CliTestSupport.Result;

/** ND4J, ONNX Runtime and Arrow, shared from the launcher's class path, work inside a bundle. */
class HeavyLibrariesInFrameworkTest {

    @TempDir
    Path work;

    @AfterEach
    void clear() {
        System.clearProperty("teco.bundles");
    }

    @Test
    void aBundleComputesWithNd4jRunsAnOrtSessionAndWritesArrow() throws Exception {
        System.setProperty("teco.bundles", Files.createDirectories(work.resolve("none")).toString());
        Path bundles = work.resolve("bundles");
        TestBundleBuilder.build(work, "com.example.heavy",
                TestBundleBuilder.sourcesIn(Path.of("src/test/plugins/heavy")), bundles);
        Path cfg = work.resolve("heavy.yaml");
        Files.writeString(cfg, "pipeline:\n  stages: [heavy]\n");
        Path out = work.resolve("run");

        Result r = teco("run", cfg.toString(), "-o", out.toString(), "--bundles", bundles.toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Files.readString(out.resolve("heavy/results.txt")))
                .isEqualTo("nd4j=54.0\nort=33.0\narrow=18\n");
    }
}
