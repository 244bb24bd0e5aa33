package org.tecoplatform.launcher.framework;

import java.util.List;

/**
 * One installed plugin bundle for {@code teco bundles}.
 *
 * @param symbolicName its Bundle-SymbolicName (or the file name if it could not be installed)
 * @param version      its Bundle-Version
 * @param location     the file it came from
 * @param state        active, resolved, installed or failed
 * @param cause        why it failed, or empty
 * @param plugins      the plugins it provides
 */
public record BundleReport(String symbolicName, String version, String location, String state, String cause,
                           List<PluginReport> plugins) {

    public BundleReport {
        plugins = List.copyOf(plugins);
    }

    /**
     * One plugin of a bundle.
     *
     * @param kind  dataset, tokenizer, prior, metric or stage
     * @param name  its teco.name
     * @param state active, failed or unsatisfied
     * @param cause why it is not usable, or empty
     */
    public record PluginReport(String kind, String name, String state, String cause) {
    }

    public boolean failed() {
        return "failed".equals(state) || plugins.stream().anyMatch(p -> !"active".equals(p.state()));
    }
}
