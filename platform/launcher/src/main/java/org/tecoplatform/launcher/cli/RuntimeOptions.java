package org.tecoplatform.launcher.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleException;
import org.tecoplatform.launcher.framework.TecoRuntime;
import picocli.CommandLine.Option;

/** Shared option: extra plugin bundle folders. */
public final class RuntimeOptions {

    @Option(names = "--bundles", paramLabel = "DIR",
            description = "Also install the plugin bundles (*.jar) in DIR; repeatable.")
    List<Path> bundleFolders = new ArrayList<>();

    /** Boots the runtime with the distribution's bundles, these folders and {@code more}. */
    TecoRuntime start(List<Path> more) throws IOException, BundleException {
        List<Path> all = new ArrayList<>(bundleFolders);
        all.addAll(more);
        return TecoRuntime.start(PlatformHome.defaults().withPluginFolders(all));
    }
}
