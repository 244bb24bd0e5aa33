package org.tecoplatform.pipeline.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tecoplatform.api.BadInputException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads a YAML config file, keeping the line of every key for error messages. */
public final class ConfigLoader {

    private static final int MAX_CONFIG_BYTES = 4 << 20;

    private ConfigLoader() {
    }

    public static RawConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("config file " + file + " does not exist"
                    + (Files.isDirectory(file) ? " (it is a folder)" : ""));
        }
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw new BadInputException("config file " + file + " is " + Files.size(file)
                        + " bytes; a config is at most " + MAX_CONFIG_BYTES + " bytes");
            }
            return parse(file, utf8(file, Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new BadInputException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file's text; a byte that is not UTF-8 is refused naming where it is (a binary file is not a config). */
    static String utf8(Path file, byte[] bytes) {
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult r = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(in, out, true);
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new BadInputException("config file " + file + ": expected UTF-8 text (YAML), found the byte 0x"
                    + String.format("%02x", bytes[at] & 0xff) + " at offset " + at + " (line " + line
                    + "), which is not UTF-8; is it a config?");
        }
        return out.flip().toString();
    }

    /** Parses YAML text; {@code file} is used for messages and relative paths (may be null). */
    public static RawConfig parse(Path file, String text) {
        String name = file == null ? "config" : file.toString();
        try {
            Object loaded = yaml().load(text);
            if (loaded == null) {
                return new RawConfig(file, new LinkedHashMap<>(), Map.of());
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new BadInputException(name + ": a config must be a mapping of keys to values, found "
                        + ConfigMaps.describe(loaded));
            }
            Map<String, Integer> lines = new HashMap<>();
            try (Reader r = new java.io.StringReader(text)) {
                Node root = yaml().compose(r);
                collectLines(root, "", lines);
            }
            return new RawConfig(file, toStringKeys(map, name, ""), lines);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? -1 : e.getProblemMark().getLine() + 1;
            throw new BadInputException(name + (line > 0 ? ":" + line : "") + ": invalid YAML: " + e.getProblem(), e);
        } catch (YAMLException | IOException e) {
            throw new BadInputException(name + ": invalid YAML: " + e.getMessage(), e);
        }
    }

    /** Parses one value as YAML would (for {@code --set key=value}). */
    public static Object parseValue(String text) {
        if (text.isEmpty()) {
            return "";
        }
        try {
            return yaml().load(text);
        } catch (YAMLException e) {
            return text;
        }
    }

    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        return new Yaml(new SafeConstructor(options));
    }

    private static Map<String, Object> toStringKeys(Map<?, ?> map, String file, String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String dotted = prefix.isEmpty() ? key : prefix + "." + key;
            if (key.contains(".")) {
                throw new BadInputException(file + ": key '" + dotted + "' contains a dot; nest it as a section instead");
            }
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m) {
                v = toStringKeys(m, file, dotted);
            } else if (v instanceof List<?> l) {
                v = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(l));
            }
            out.put(key, v);
        }
        return out;
    }

    private static void collectLines(Node node, String prefix, Map<String, Integer> lines) {
        if (!(node instanceof MappingNode mapping)) {
            return;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                String dotted = prefix.isEmpty() ? k.getValue() : prefix + "." + k.getValue();
                lines.put(dotted, k.getStartMark().getLine() + 1);
                collectLines(t.getValueNode(), dotted, lines);
            }
        }
    }
}
