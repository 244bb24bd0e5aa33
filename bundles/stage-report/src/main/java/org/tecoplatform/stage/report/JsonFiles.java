package org.tecoplatform.stage.report;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The stages' JSON summaries read as trees, so a field added or missing in one of them changes a
 * cell of the report rather than failing it. Bare {@code NaN}/{@code Infinity} tokens are accepted
 * besides the quoted spellings eval.json uses.
 */
final class JsonFiles {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JsonFiles() {
    }

    static JsonNode read(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** The number at {@code node}: a JSON number, or a string "Infinity", "-Infinity", "NaN"; NaN when absent or otherwise. */
    static double number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return CsvTable.number(node.textValue());
        }
        return Double.NaN;
    }

    /** The number under {@code field} of {@code node}, NaN when absent. */
    static double number(JsonNode node, String field) {
        return node == null ? Double.NaN : number(node.get(field));
    }

    /** An array of numbers; empty when absent. */
    static double[] numbers(JsonNode node) {
        if (node == null || !node.isArray()) {
            return new double[0];
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(node.get(i));
        }
        return out;
    }
}
