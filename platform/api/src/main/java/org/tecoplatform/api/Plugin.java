package org.tecoplatform.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every plugin can say about itself. The options it declares form its typed
 * configuration: a config section named after the plugin ({@code maze: {size: 64}}) is
 * checked against them (unknown keys, types) and completed with their defaults before
 * the plugin sees it.
 */
@ConsumerType
public interface Plugin {

    /** One line for listings and help. */
    default String description() {
        return "";
    }

    /** The options of this plugin's config section; empty when it has none. */
    default List<OptionSpec> options() {
        return List.of();
    }
}
