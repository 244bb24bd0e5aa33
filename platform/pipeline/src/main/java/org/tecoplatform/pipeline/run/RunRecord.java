package org.tecoplatform.pipeline.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import org.tecoplatform.pipeline.config.ResolvedConfig;
import org.tecoplatform.pipeline.plugins.PluginInfo;

/** Writes what a run used beside its outputs: the resolved config and the plugin bundles with versions. */
final class RunRecord {

    static final String CONFIG_FILE = "config.resolved.yaml";
    static final String BUNDLES_FILE = "bundles.json";

    private RunRecord() {
    }

    static void write(Path runDir, ResolvedConfig config, List<PluginInfo> used) throws IOException {
        writeAtomically(runDir.resolve(CONFIG_FILE), "# resolved by teco from " + config.file() + "\n" + config.toYaml());
        String json = used.stream().map(p -> "  {\"kind\": \"" + p.kind().label() + "\", \"name\": " + quote(p.name())
                        + ", \"bundle\": " + quote(p.bundle()) + ", \"version\": " + quote(p.bundleVersion()) + "}")
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
        writeAtomically(runDir.resolve(BUNDLES_FILE), used.isEmpty() ? "[]\n" : json);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
