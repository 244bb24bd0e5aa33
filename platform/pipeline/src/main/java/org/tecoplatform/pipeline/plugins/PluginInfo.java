package org.tecoplatform.pipeline.plugins;

import java.util.List;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.PluginKind;

/**
 * One installed plugin as the catalog sees it.
 *
 * @param kind          what it is
 * @param name          its {@code teco.name}
 * @param bundle        symbolic name of the bundle that provides it
 * @param bundleVersion that bundle's version
 * @param description   the plugin's one-line description
 * @param options       the options of its config section
 */
public record PluginInfo(PluginKind kind, String name, String bundle, String bundleVersion, String description,
                         List<OptionSpec> options) {

    public PluginInfo {
        options = List.copyOf(options);
    }
}
