package org.tecoplatform.launcher.framework;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.launcher.natives.NativeBuilds;
import org.tecoplatform.pipeline.plugins.PluginCatalog;
import org.tecoplatform.pipeline.run.Folders;

/**
 * The embedded OSGi runtime: Apache Felix with SCR, the launcher's class path shared with
 * every bundle as system packages, and every jar of the plugin folders installed and started.
 * A bundle that fails to install or start is recorded with its cause; the others keep working.
 */
public final class TecoRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TecoRuntime.class);

    private final Framework framework;
    private final Path storage;
    private final Map<String, String> failures;
    private final List<String> pluginLocations;
    private final OsgiPluginCatalog catalog;

    private TecoRuntime(Framework framework, Path storage, Map<String, String> failures, List<String> pluginLocations) {
        this.framework = framework;
        this.storage = storage;
        this.failures = failures;
        this.pluginLocations = pluginLocations;
        this.catalog = new OsgiPluginCatalog(framework.getBundleContext());
    }

    public static TecoRuntime start(RuntimeSettings settings) throws IOException, BundleException {
        NativeBuilds.select();   // before any bundle can load ND4J (a no-op when the CLI did it)
        List<Path> pluginJars = new ArrayList<>();
        for (Path folder : settings.pluginFolders()) {
            pluginJars.addAll(jarsIn(folder, "bundle folder"));
        }
        List<Path> frameworkJars = jarsIn(settings.frameworkBundles(), "framework bundle folder");

        Path storage = Files.createTempDirectory("teco-felix-");
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SystemPackages.forClassPath(SystemPackages.jvmClassPath()));
        props.put("felix.bootdelegation.implicit", "false");
        // Failures are collected and reported by us; the framework and SCR would print them raw to stdout.
        props.put("felix.log.level", "0");
        props.put("ds.loglevel", "0");

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(props);
        framework.init();
        framework.start();
        BundleContext context = framework.getBundleContext();

        for (Path jar : frameworkJars) {
            Bundle b = context.installBundle(location(jar));
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }

        Map<String, String> failures = new LinkedHashMap<>();
        List<Bundle> installed = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        for (Path jar : pluginJars) {
            String location = location(jar);
            locations.add(location);
            try {
                installed.add(context.installBundle(location));
            } catch (BundleException e) {
                failures.put(location, causeOf(e));
                LOG.warn("Bundle {} could not be installed: {}", jar, causeOf(e));
            }
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                b.start();
            } catch (BundleException | RuntimeException e) {
                failures.put(b.getLocation(), causeOf(e));
                LOG.warn("Bundle {} failed to start: {}", b.getSymbolicName(), causeOf(e));
            }
        }
        return new TecoRuntime(framework, storage, failures, locations);
    }

    /** The plugins this runtime offers. */
    public PluginCatalog catalog() {
        return catalog;
    }

    /** Every plugin bundle with its state and plugins, failures with their causes. */
    public List<BundleReport> bundles() {
        return new BundleInspector(framework.getBundleContext(), catalog).report(pluginLocations, failures);
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException | InterruptedException e) {
            LOG.debug("Framework stop: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            deleteQuietly(storage);
        }
    }

    private static List<Path> jarsIn(Path folder, String what) throws IOException {
        if (folder == null) {
            return List.of();
        }
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(what + " " + folder + " does not exist or is not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .map(f -> f.toAbsolutePath().normalize()).sorted().toList();
        }
    }

    /** reference: locations make Felix use the jar in place instead of copying it into its cache. */
    private static String location(Path jar) {
        return "reference:" + jar.toUri();
    }

    static String causeOf(Throwable e) {
        Throwable t = e;
        StringBuilder msg = new StringBuilder(String.valueOf(t.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            msg.append(": ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return msg.toString();
    }

    private static void deleteQuietly(Path dir) {
        try {
            Folders.delete(dir);
        } catch (IOException e) {
            LOG.debug("Could not delete {}: {}", dir, e.toString());
        }
    }
}
