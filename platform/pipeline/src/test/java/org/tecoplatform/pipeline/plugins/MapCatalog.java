package org.tecoplatform.pipeline.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tecoplatform.api.Plugin;
import org.tecoplatform.api.PluginKind;

/** An in-memory catalog for tests of the pipeline without a framework. */
public final class MapCatalog implements PluginCatalog {

    private record Entry(PluginInfo info, Object service) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public MapCatalog add(PluginKind kind, String name, Plugin plugin) {
        entries.add(new Entry(new PluginInfo(kind, name, "test.bundle", "1.0.0", plugin.description(), plugin.options()),
                plugin));
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
