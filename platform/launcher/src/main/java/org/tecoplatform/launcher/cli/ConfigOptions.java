package org.tecoplatform.launcher.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tecoplatform.pipeline.config.ConfigLoader;
import org.tecoplatform.pipeline.config.ConfigSettings;
import org.tecoplatform.pipeline.config.Overrides;
import org.tecoplatform.pipeline.config.RawConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shared arguments: the config file and {@code --set} overrides. */
public final class ConfigOptions {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The YAML config (for example configs/quickstart.yaml).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a config value; dotted keys, YAML values (--set z_tfm_kwargs.num_layers=4). Repeatable.")
    List<String> overrides = new ArrayList<>();

    /** The config file with the overrides applied, not yet validated. */
    RawConfig load() {
        return Overrides.apply(ConfigLoader.load(config.toAbsolutePath().normalize()), overrides);
    }

    /** Plugin folders the config asks for ({@code pipeline.bundles}), resolved against its folder. */
    static List<Path> bundleFolders(RawConfig raw) {
        ConfigSettings s = ConfigSettings.of(raw.values(), raw.baseDir());
        if (!s.has("pipeline.bundles")) {
            return List.of();
        }
        return s.getStringList("pipeline.bundles").stream().map(s::resolve).toList();
    }
}
