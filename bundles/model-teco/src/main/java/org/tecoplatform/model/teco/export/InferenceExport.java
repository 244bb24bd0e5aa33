package org.tecoplatform.model.teco.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.tecoplatform.model.teco.TecoConfig;
import org.tecoplatform.model.teco.TecoModel;
import org.tecoplatform.nn.AtomicDirectory;
import org.tecoplatform.nn.OnnxModels;
import org.tecoplatform.nn.OnnxOps;
import org.tecoplatform.nn.ParamStore;
import org.tecoplatform.nn.prior.PriorNetwork;

/**
 * Writes the inference graphs of a trained TECO into a folder (built beside it and renamed into
 * place, so a sampler never sees half an export). Every graph has a dynamic batch axis.
 *
 * <ul>
 *   <li>{@code observe.onnx}: codes {@code [B, seq_len, H, W]} → cond, z (the posterior)</li>
 *   <li>{@code temporal.onnx}: the whole temporal transformer (cond, z, actions → deter)</li>
 *   <li>{@code temporal_step.onnx}: one position against a key/value cache ({@link TemporalStepGraph})</li>
 *   <li>{@code lookup.onnx}: TECO codes → z</li>
 *   <li>{@code prior.onnx}: tokens, deter → the prior's logits</li>
 *   <li>{@code prior_*.onnx}: the prior's own further graphs ({@code PriorNetwork#extraGraphs}), if any</li>
 *   <li>{@code decoder.onnx}: deter, z → VQ-GAN logits and codes</li>
 *   <li>{@code model.json}: the shapes a sampler needs</li>
 * </ul>
 */
public final class InferenceExport {

    /** The folder name inside a checkpoint. */
    public static final String FOLDER = "onnx";
    public static final String OBSERVE = "observe.onnx";
    public static final String TEMPORAL = "temporal.onnx";
    public static final String TEMPORAL_STEP = "temporal_step.onnx";
    public static final String LOOKUP = "lookup.onnx";
    public static final String PRIOR = PriorNetwork.LOGITS_GRAPH + ".onnx";
    public static final String DECODER = "decoder.onnx";
    public static final String MODEL = "model.json";

    private InferenceExport() {
    }

    /** The graphs, by file name, each built on a fresh {@link OnnxOps} (batch 1, dynamic). */
    static Map<String, BiConsumer<TecoModel, OnnxOps>> graphs() {
        Map<String, BiConsumer<TecoModel, OnnxOps>> g = new LinkedHashMap<>();
        g.put(OBSERVE, (m, ops) -> m.observe(ops, 1, m.config().seqLen()));
        g.put(TEMPORAL, (m, ops) -> m.temporal(ops, 1));
        g.put(TEMPORAL_STEP, (m, ops) -> TemporalStepGraph.build(ops, m.config(), 1));
        g.put(LOOKUP, (m, ops) -> m.lookup(ops, 1));
        g.put(PRIOR, (m, ops) -> m.priorLogits(ops, 1));
        g.put(DECODER, (m, ops) -> m.decoder(ops, 1));
        return g;
    }

    public static void write(TecoModel model, ParamStore params, Path dir) throws IOException {
        AtomicDirectory.write(dir, tmp -> {
            for (Map.Entry<String, BiConsumer<TecoModel, OnnxOps>> e : graphs().entrySet()) {
                OnnxOps ops = new OnnxOps(params, "teco_" + e.getKey().replace(".onnx", ""), true);
                e.getValue().accept(model, ops);
                OnnxModels.write(ops.model(), tmp.resolve(e.getKey()));
            }
            for (String graph : priorGraphs(model.prior())) {
                OnnxOps ops = new OnnxOps(params, "teco_" + graph, true);
                model.prior().extraGraph(ops, TecoModel.PRIOR, graph, 1);
                OnnxModels.write(ops.model(), tmp.resolve(graph + ".onnx"));
            }
            Files.writeString(tmp.resolve(MODEL), metadata(model.config()), StandardCharsets.UTF_8);
        });
    }

    /** The prior's extra graph names, checked: each starts with "prior_" so it cannot replace one of TECO's files. */
    static java.util.List<String> priorGraphs(PriorNetwork prior) {
        for (String g : prior.extraGraphs()) {
            if (!g.matches("prior_[a-z0-9_]+")) {
                throw new IllegalArgumentException("prior graph name '" + g + "' must match prior_[a-z0-9_]+");
            }
        }
        return prior.extraGraphs();
    }

    /** Whether {@code dir} holds every graph this model's sampler runs (older exports may lack the newer ones). */
    public static boolean isComplete(Path dir, PriorNetwork prior) {
        if (!Files.isRegularFile(dir.resolve(MODEL))) {
            return false;
        }
        for (String f : graphs().keySet()) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                return false;
            }
        }
        return priorGraphs(prior).stream().allMatch(g -> Files.isRegularFile(dir.resolve(g + ".onnx")));
    }

    /** {@code model.json}: the config record's fields plus the derived shapes. */
    static String metadata(TecoConfig c) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "teco-inference-onnx");
        m.put("format_version", 1);
        Map<String, Object> cfg = new ObjectMapper().convertValue(c, LinkedHashMap.class);
        m.put("config", cfg);
        m.put("z_shape", new int[] {c.zHeight(), c.zWidth()});
        m.put("tfm_shape", new int[] {c.tfmHeight(), c.tfmWidth()});
        m.put("tokens_per_frame", c.tokensPerFrame());
        m.put("no_action", c.noAction());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
    }
}
