package org.tecoplatform.pipeline.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tecoplatform.api.Plugin;
import org.tecoplatform.api.PluginKind;

/**
 * A catalog of plugin instances given in code, without a framework: for running a pipeline or a
 * stage embedded in another program, and for tests of stages and of the pipeline itself.
 */
public final class MapPluginCatalog implements PluginCatalog {

    /** The bundle name these plugins are reported under (bundles.json). */
    public static final String BUNDLE = "in-memory";

    private record Entry(PluginInfo info, Object service) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Adds a plugin under a name; returns this catalog. */
    public MapPluginCatalog add(PluginKind kind, String name, Plugin plugin) {
        entries.add(new Entry(new PluginInfo(kind, name, BUNDLE, "0.0.0", plugin.description(), plugin.options()), plugin));
        return this;
    }

    @Override
    public List<PluginInfo> plugins() {
        return entries.stream().map(Entry::info).toList();
    }

    @Override
    public <T> Optional<T> find(Class<T> spi, String name) {
        return entries.stream().filter(e -> e.info.name().equals(name) && spi.isInstance(e.service))
                .map(e -> spi.cast(e.service)).findFirst();
    }
}
