package org.tecoplatform.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tecoplatform.api.BadInputException;

/**
 * A model folder as a converter in {@code tools/} writes it (the learned metrics' LPIPS and I3D): {@code model.json} (format, version, the
 * graph's file name and SHA-256, the sources' checksums, the preprocessing) beside the ONNX graph.
 * Every problem is a {@link BadInputException} naming the folder or file, the key, what was expected,
 * what was found, and the tool that makes the folder.
 */
public final class ModelFolder {

    public static final String METADATA = "model.json";

    private final Path dir;
    private final String tool;
    private final JsonNode meta;

    private ModelFolder(Path dir, String tool, JsonNode meta) {
        this.dir = dir;
        this.tool = tool;
        this.meta = meta;
    }

    /**
     * Opens and checks {@code dir}: it exists, holds {@code model.json} with {@code format} and
     * {@code format_version} as expected, and the graph it names, whose SHA-256 matches.
     *
     * @param key  the config key that gave the folder, for messages ({@code lpips.model})
     * @param tool the converter that writes such a folder, for messages
     */
    public static ModelFolder open(Path dir, String key, String tool, String format, int formatVersion) {
        String makeIt = " (" + tool + " writes it)";
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(key + ": no model folder at " + dir + " (expected a folder with " + METADATA
                    + " and the ONNX graph" + makeIt + ")");
        }
        Path json = dir.resolve(METADATA);
        if (!Files.isRegularFile(json)) {
            throw new BadInputException(key + ": " + json + " is missing (expected the metadata" + makeIt + ")");
        }
        JsonNode meta;
        try {
            meta = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new BadInputException(json + ": not readable JSON (" + e.getMessage() + ")" + makeIt, e);
        }
        ModelFolder folder = new ModelFolder(dir, tool, meta);
        folder.expect("format", format);
        int version = folder.integer("format_version");
        if (version != formatVersion) {
            throw new BadInputException(json + ": format_version is " + version + ", expected " + formatVersion
                    + " (re-run " + tool + ")");
        }
        Path graph = folder.graph();
        String want = folder.text("graph_sha256");
        String found = sha256(graph);
        if (!want.equalsIgnoreCase(found)) {
            throw new BadInputException(graph + ": SHA-256 is " + found + " but " + json + " key graph_sha256 says " + want
                    + " (a damaged or replaced graph; re-run " + tool + ")");
        }
        return folder;
    }

    public Path dir() {
        return dir;
    }

    JsonNode meta() {
        return meta;
    }

    /** The ONNX graph file {@code model.json} names, which must exist. */
    public Path graph() {
        Path graph = dir.resolve(text("graph"));
        if (!Files.isRegularFile(graph)) {
            throw new BadInputException(dir.resolve(METADATA) + " key graph names " + graph + ", which is missing (re-run "
                    + tool + ")");
        }
        return graph;
    }

    /** A required text value. */
    public String text(String key) {
        JsonNode n = meta.get(key);
        if (n == null || !n.isTextual()) {
            throw new BadInputException(dir.resolve(METADATA) + ": key " + key + " is " + describe(n)
                    + ", expected a string (re-run " + tool + ")");
        }
        return n.asText();
    }

    /** A required integer value. */
    public int integer(String key) {
        JsonNode n = meta.get(key);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new BadInputException(dir.resolve(METADATA) + ": key " + key + " is " + describe(n)
                    + ", expected an integer (re-run " + tool + ")");
        }
        return n.asInt();
    }

    /** Requires {@code key} to hold exactly {@code expected}. */
    public void expect(String key, String expected) {
        String found = text(key);
        if (!found.equals(expected)) {
            throw new BadInputException(dir.resolve(METADATA) + ": key " + key + " is \"" + found + "\", expected \""
                    + expected + "\" (" + tool + " writes such a folder)");
        }
    }

    private static String describe(JsonNode n) {
        return n == null ? "missing" : n.toString();
    }

    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new BadInputException(file + ": not readable (" + e.getMessage() + ")", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
