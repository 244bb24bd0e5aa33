package org.tecoplatform.launcher.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tecoplatform.launcher.framework.RuntimeSettings;

/**
 * Where the distribution lives ({@code bin/teco} passes {@code -Dteco.home}); from it come the
 * default plugin folder ({@code bundles/}) and the framework bundles ({@code lib/framework/}).
 * {@code teco.frameworkBundles} and {@code teco.bundles} override them (tests use this).
 */
final class PlatformHome {

    private PlatformHome() {
    }

    static Path home() {
        String prop = System.getProperty("teco.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        try {
            // lib/teco-launcher.jar -> the distribution folder
            Path jar = Path.of(PlatformHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    static RuntimeSettings defaults() {
        Path home = home();
        String fw = System.getProperty("teco.frameworkBundles");
        Path frameworkBundles = fw != null ? Path.of(fw) : home.resolve("lib/framework");
        List<Path> plugins = new ArrayList<>();
        String bundles = System.getProperty("teco.bundles");
        if (bundles != null) {
            for (String p : bundles.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    plugins.add(Path.of(p).toAbsolutePath().normalize());
                }
            }
        } else if (Files.isDirectory(home.resolve("bundles"))) {
            plugins.add(home.resolve("bundles"));
        }
        return new RuntimeSettings(frameworkBundles, plugins);
    }
}
