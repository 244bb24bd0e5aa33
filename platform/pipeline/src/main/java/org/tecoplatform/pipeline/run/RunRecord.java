package org.tecoplatform.pipeline.run;

import org.tecoplatform.api.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.plugins.PluginInfo;

/** Writes what a run used beside its outputs: the resolved config and the plugin bundles with versions. */
final class RunRecord {

    static final String CONFIG_FILE = "config.resolved.yaml";
    static final String BUNDLES_FILE = "bundles.json";

    private RunRecord() {
    }

    /** One plugin a run used, as bundles.json lists it. */
    record UsedPlugin(String kind, String name, String bundle, String version) {
    }

    static void write(Path runDir, ResolvedConfig config, List<PluginInfo> used) throws IOException {
        writeAtomically(runDir.resolve(CONFIG_FILE), "# resolved by teco from " + config.file() + "\n" + config.toYaml());
        List<UsedPlugin> rows = used.stream()
                .map(p -> new UsedPlugin(p.kind().label(), p.name(), p.bundle(), p.bundleVersion())).toList();
        writeAtomically(runDir.resolve(BUNDLES_FILE),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows) + "\n");
    }

    static void writeAtomically(Path file, String text) throws IOException {
        AtomicFiles.writeString(file, text);
    }
}
