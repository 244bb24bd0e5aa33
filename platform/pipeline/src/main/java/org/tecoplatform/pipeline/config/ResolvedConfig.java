package org.tecoplatform.pipeline.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A validated config with overrides applied and plugin defaults filled in: what a run
 * actually used, written beside its outputs.
 */
public record ResolvedConfig(Path file, ConfigSettings settings) {

    /** A resolved config over settings made in code (their file is unknown). */
    public static ResolvedConfig of(ConfigSettings settings) {
        return new ResolvedConfig(null, settings);
    }

    /** This config with one dotted key set (for example {@code pipeline.dataset}). */
    public ResolvedConfig with(String dottedKey, Object value) {
        Map<String, Object> values = ConfigMaps.deepCopy(settings.asMap());
        ConfigMaps.put(values, dottedKey, value);
        return new ResolvedConfig(file, ConfigSettings.of(values, settings.baseDir()));
    }

    public Map<String, Object> values() {
        return settings.asMap();
    }

    /** The plugin names the pipeline block selects. */
    public String dataset() {
        return settings.getString("pipeline.dataset", null);
    }

    public String tokenizer() {
        return settings.getString("pipeline.tokenizer", null);
    }

    public String prior() {
        return settings.getString("pipeline.prior", null);
    }

    public List<String> metrics() {
        return settings.has("pipeline.metrics") ? settings.getStringList("pipeline.metrics") : List.of();
    }

    public List<String> stages() {
        return settings.has("pipeline.stages") ? settings.getStringList("pipeline.stages") : List.of();
    }

    /** The config as YAML, in the file's key order. */
    public String toYaml() {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setIndent(2);
        o.setWidth(120);
        return new Yaml(o).dump(values());
    }
}
