package org.tecoplatform.pipeline.plugins;

import java.util.List;
import java.util.Optional;
import org.tecoplatform.api.PluginKind;

/** The plugins installed right now; the launcher implements it over the OSGi service registry. */
public interface PluginCatalog {

    /** Every plugin that is installed and usable, all kinds. */
    List<PluginInfo> plugins();

    /** The plugin of this SPI with this {@code teco.name}, if one is installed. */
    <T> Optional<T> find(Class<T> spi, String name);

    default List<PluginInfo> plugins(PluginKind kind) {
        return plugins().stream().filter(p -> p.kind() == kind).toList();
    }

    default Optional<PluginInfo> info(PluginKind kind, String name) {
        return plugins(kind).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The named plugin, or a {@link org.tecoplatform.api.BadInputException} listing the installed names. */
    default <T> T require(PluginKind kind, Class<T> spi, String name) {
        return find(spi, name).orElseThrow(() -> new org.tecoplatform.api.BadInputException(missingMessage(kind, name)));
    }

    /** "no bundle provides dataset 'x'; installed datasets: a, b". */
    default String missingMessage(PluginKind kind, String name) {
        List<String> names = plugins(kind).stream().map(PluginInfo::name).sorted().toList();
        return "no bundle provides " + kind.label() + " '" + name + "'; installed " + kind.label() + "s: "
                + (names.isEmpty() ? "none" : String.join(", ", names));
    }
}
