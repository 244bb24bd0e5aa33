package org.tecoplatform.launcher.framework;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the runtime finds its bundles.
 *
 * @param frameworkBundles folder of infrastructure bundles installed first (Felix SCR)
 * @param pluginFolders    folders whose jars are installed and started as plugin bundles
 */
public record RuntimeSettings(Path frameworkBundles, List<Path> pluginFolders) {

    public RuntimeSettings {
        pluginFolders = List.copyOf(pluginFolders);
    }

    /** The same settings with more plugin folders (from --bundles or the config). */
    public RuntimeSettings withPluginFolders(List<Path> more) {
        List<Path> all = new java.util.ArrayList<>(pluginFolders);
        more.stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> !all.contains(p)).forEach(all::add);
        return new RuntimeSettings(frameworkBundles, all);
    }
}
