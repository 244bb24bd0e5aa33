package org.tecoplatform.model.teco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tecoplatform.model.teco.net.Codebook;
import org.tecoplatform.model.teco.net.Decoder;
import org.tecoplatform.model.teco.net.Frames;
import org.tecoplatform.model.teco.net.PosteriorEncoder;
import org.tecoplatform.model.teco.net.ReconstructionLoss;
import org.tecoplatform.model.teco.net.ShapeOps;
import org.tecoplatform.model.teco.net.TemporalTransformer;
import org.tecoplatform.model.teco.net.VqCodes;
import org.tecoplatform.nn.Embedding;
import org.tecoplatform.nn.Ops;
import org.tecoplatform.nn.prior.PriorNetwork;
import org.tecoplatform.nn.prior.RandomInput;

/**
 * TECO (Temporally Consistent Video Transformer), written once against {@link Ops}: the training
 * graph (SameDiff) and the inference graphs the sampler runs (ONNX). Shapes: B videos, T =
 * seq_len frames of H×W VQ-GAN codes (latent grid), h×w TECO latents of width E =
 * embedding_dim.
 */
public final class TecoModel {

    // ---- graph input and output names ----
    public static final String CODES = "codes";
    public static final String ACTIONS = "actions";
    public static final String DROP_IDX = "drop_idx";
    public static final String LOSS = "loss";
    public static final String RECON_LOSS = "recon_loss";
    public static final String TRANS_LOSS = "trans_loss";
    public static final String COMMITMENT_LOSS = "commitment_loss";
    public static final String CODEBOOK_LOSS = "codebook_loss";
    public static final String PERPLEXITY = "perplexity";
    public static final String COND = "cond";
    public static final String Z = "z";
    public static final String DETER = "deter";
    public static final String Z_CODES = "z_codes";
    public static final String LOGITS = "logits";
    public static final String VQ_CODES = "vq_codes";
    public static final String TOKENS = PriorNetwork.TOKENS;
    /**
     * The prior's parameter prefix, the same for every prior (the original's MaskGit used
     * {@code z_git}; {@link LegacyPriorNames} reads checkpoints written with it).
     */
    public static final String PRIOR = PriorNetwork.PARAMETER_PREFIX;

    private final TecoConfig cfg;
    private final PriorNetwork prior;
    private final float[] vqCodebook;
    private int encoderChunkFrames;

    /**
     * @param vqCodebook the VQ-GAN's code vectors, row-major {@code [vqCodes, vqDim]}: a constant
     *                   of every graph that looks codes up (not trained)
     */
    public TecoModel(TecoConfig cfg, PriorNetwork prior, float[] vqCodebook) {
        if (!prior.shape().equals(cfg.priorShape())) {
            throw new IllegalArgumentException("prior built for " + prior.shape() + ", TECO needs " + cfg.priorShape());
        }
        if (vqCodebook.length != cfg.vqCodes() * cfg.vqDim()) {
            throw new IllegalArgumentException("VQ codebook has " + vqCodebook.length + " values, expected "
                    + cfg.vqCodes() + " x " + cfg.vqDim());
        }
        this.cfg = cfg;
        this.prior = prior;
        this.vqCodebook = vqCodebook.clone();
        this.encoderChunkFrames = PosteriorEncoder.chunkFrames(cfg);
    }

    /**
     * Frames per chunk of the posterior encoder's recomputation in training (a memory setting,
     * not part of the model: any value gives the same losses and gradients). Default
     * {@link PosteriorEncoder#chunkFrames}.
     */
    public TecoModel encoderChunkFrames(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("encoder chunk of " + frames + " frames");
        }
        this.encoderChunkFrames = frames;
        return this;
    }

    public TecoConfig config() {
        return cfg;
    }

    public PriorNetwork prior() {
        return prior;
    }

    /**
     * The training graph (teco.py {@code __call__}). Inputs: {@link #CODES} index
     * {@code [B, T, H, W]} (T = seq_len), {@link #ACTIONS} index {@code [B, T]} (in
     * {@code [0, action_dim]}), {@link #DROP_IDX} index {@code [n_sample]} (into the T − n_cond
     * predicted frames, n_sample = {@link TecoConfig#lossFrames}), and the prior's random inputs
     * for {@code B·n_sample} items (float, named by {@link PriorNetwork#randomInputs}). Outputs
     * (scalars): {@link #LOSS} = recon + trans + commitment + codebook, {@link #RECON_LOSS},
     * {@link #TRANS_LOSS}, {@link #COMMITMENT_LOSS}, {@link #CODEBOOK_LOSS}, {@link #PERPLEXITY}.
     * Needs a back end with a logarithm (SameDiff).
     */
    public <T> void training(Ops<T> ops, int batch) {
        int t = cfg.seqLen();
        int predicted = cfg.predictedFrames();
        int n = cfg.lossFrames();
        T codes = ops.indexInput(CODES, batch, t, cfg.latentHeight(), cfg.latentWidth());
        T actions = ops.indexInput(ACTIONS, batch, t);
        T dropIdx = ops.indexInput(DROP_IDX, n);
        Map<String, T> random = new LinkedHashMap<>();
        for (RandomInput r : prior.randomInputs(batch * n)) {
            random.put(r.name(), ops.input(r.name(), r.shape()));
        }

        // Posterior over every frame; codebook losses and perplexity cover all of them.
        VqCodes.Lookup<T> vq = VqCodes.lookup(ops, cfg, vqCodebook, codes);
        T out = PosteriorEncoder.apply(ops, cfg, vq.embeddings(), encoderChunkFrames);
        Codebook.Quantized<T> q = Codebook.quantize(ops, cfg, out);
        T cond = ops.slice(out, 1, 0, cfg.nCond());
        T z = ops.slice(q.embeddings(), 1, cfg.nCond(), t);
        T deter = TemporalTransformer.apply(ops, cfg, cond, z, actions);

        // Decoder and prior losses on the drop-loss frames only.
        T selector = ops.oneHot(dropIdx, predicted); // [n, T − n_cond]
        T deterSel = Frames.fold(ops, Frames.select(ops, selector, deter)); // [B·n, h, w, E]
        T zSel = Frames.fold(ops, Frames.select(ops, selector, z));
        T zIds = Frames.fold(ops, Frames.select(ops, selector, ops.slice(q.ids(), 1, cfg.nCond(), t)));
        T targetIds = Frames.fold(ops, Frames.select(ops, selector, ops.slice(vq.ids(), 1, cfg.nCond(), t)));

        T trans = prior.trainingLoss(ops, PRIOR, Frames.indices(ops, zIds, cfg.codes()), deterSel, random);
        T logits = Decoder.apply(ops, cfg, deterSel, zSel);
        T recon = ReconstructionLoss.apply(ops, logits, Frames.indices(ops, targetIds, cfg.vqCodes()));

        T loss = ops.add(ops.add(recon, trans), ops.add(q.commitmentLoss(), q.codebookLoss()));
        ops.output(LOSS, loss);
        ops.output(RECON_LOSS, recon);
        ops.output(TRANS_LOSS, trans);
        ops.output(COMMITMENT_LOSS, q.commitmentLoss());
        ops.output(CODEBOOK_LOSS, q.codebookLoss());
        ops.output(PERPLEXITY, q.perplexity());
    }

    /**
     * The inputs of {@link #training} for one batch. Deterministic for a given {@code rng} state;
     * draws, in order: the per-sample action dropout (dropout_actions), the drop-loss frames, the
     * prior's random inputs.
     *
     * @param codes   VQ-GAN codes, row-major {@code [B, T, H, W]}, in {@code [0, vqCodes)}
     * @param actions {@code [B, T]} as the dataset stores them (−1 = no action), or null for none
     */
    public TrainingFeed feed(int[] codes, int[] actions, int batch, SplittableRandom rng) {
        int t = cfg.seqLen();
        int frame = cfg.latentHeight() * cfg.latentWidth();
        if (codes.length != batch * t * frame) {
            throw new IllegalArgumentException("codes: expected " + batch + " x " + t + " x " + cfg.latentHeight()
                    + " x " + cfg.latentWidth() + " values, got " + codes.length);
        }
        for (int c : codes) {
            if (c < 0 || c >= cfg.vqCodes()) {
                throw new IllegalArgumentException("code " + c + " outside [0, " + cfg.vqCodes() + ")");
            }
        }
        int[] acts = actionIds(actions, batch, rng);
        int[] drop = dropIndices(rng);
        int items = batch * drop.length;

        List<TrainingFeed.Tensor> tensors = new ArrayList<>();
        tensors.add(TrainingFeed.Tensor.ints(CODES, codes.clone(), batch, t, cfg.latentHeight(), cfg.latentWidth()));
        tensors.add(TrainingFeed.Tensor.ints(ACTIONS, acts, batch, t));
        tensors.add(TrainingFeed.Tensor.ints(DROP_IDX, drop, drop.length));
        Map<String, float[]> random = prior.drawRandom(rng, items);
        for (RandomInput r : prior.randomInputs(items)) {
            tensors.add(TrainingFeed.Tensor.floats(r.name(), random.get(r.name()), r.shape()));
        }
        return new TrainingFeed(tensors);
    }

    /** −1 → no action; use_actions=false → no action everywhere; dropout_actions → a sample's actions all dropped with probability ½. */
    private int[] actionIds(int[] actions, int batch, SplittableRandom rng) {
        int t = cfg.seqLen();
        int none = cfg.noAction();
        int[] acts;
        if (actions == null || !cfg.useActions()) {
            acts = new int[batch * t];
            Arrays.fill(acts, none);
        } else {
            if (actions.length != batch * t) {
                throw new IllegalArgumentException("actions: expected " + batch + " x " + t + " values, got "
                        + actions.length);
            }
            acts = Embedding.resolve(actions, cfg.actionDim() + 1);
        }
        if (cfg.dropoutActions()) {
            for (int b = 0; b < batch; b++) {
                if (rng.nextDouble() < 0.5) {
                    Arrays.fill(acts, b * t, (b + 1) * t, none);
                }
            }
        }
        return acts;
    }

    /**
     * The drop-loss frames: with drop_loss_rate &gt; 0, n_sample indices drawn uniformly with
     * replacement from the T − n_cond predicted frames (the original draws from [0, T) and lets
     * JAX clamp; DESIGN: the valid range); otherwise every predicted frame in order.
     */
    private int[] dropIndices(SplittableRandom rng) {
        int predicted = cfg.predictedFrames();
        int n = cfg.lossFrames();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = cfg.dropLossRate() > 0 ? rng.nextInt(predicted) : i;
        }
        return idx;
    }

    /**
     * The posterior (the original's {@code encode}): {@link #CODES} index {@code [B, F, H, W]}
     * (F ≥ n_cond + 1) → {@link #COND} {@code [B, n_cond, h, w, E]} (continuous encoder outputs)
     * and {@link #Z} {@code [B, F − n_cond, h, w, E]} (quantised embeddings).
     */
    public <T> void observe(Ops<T> ops, int batch, int frames) {
        if (frames <= cfg.nCond()) {
            throw new IllegalArgumentException("observe needs more than n_cond = " + cfg.nCond() + " frames, got " + frames);
        }
        T codes = ops.indexInput(CODES, batch, frames, cfg.latentHeight(), cfg.latentWidth());
        T out = PosteriorEncoder.apply(ops, cfg, VqCodes.lookup(ops, cfg, vqCodebook, codes).embeddings());
        T z = Codebook.encode(ops, cfg, ops.slice(out, 1, cfg.nCond(), frames));
        ops.output(COND, ops.slice(out, 1, 0, cfg.nCond()));
        ops.output(Z, z);
    }

    /**
     * The whole temporal transformer (the sampler's no-cache mode): {@link #COND}
     * {@code [B, n_cond, h, w, E]}, {@link #Z} {@code [B, T − n_cond, h, w, E]}, {@link #ACTIONS}
     * index {@code [B, T]} → {@link #DETER} {@code [B, T − n_cond, h, w, E]}; deter of predicted
     * frame i depends on cond, z of frames &lt; i and actions up to i + n_cond only.
     */
    public <T> void temporal(Ops<T> ops, int batch) {
        T cond = ops.input(COND, batch, cfg.nCond(), cfg.zHeight(), cfg.zWidth(), cfg.embeddingDim());
        T z = ops.input(Z, batch, cfg.predictedFrames(), cfg.zHeight(), cfg.zWidth(), cfg.embeddingDim());
        T actions = ops.indexInput(ACTIONS, batch, cfg.seqLen());
        ops.output(DETER, TemporalTransformer.apply(ops, cfg, cond, z, actions));
    }

    /** Codebook look-up: {@link #Z_CODES} index {@code [N, h, w]} → {@link #Z} {@code [N, h, w, E]}. */
    public <T> void lookup(Ops<T> ops, int n) {
        T codes = ops.indexInput(Z_CODES, n, cfg.zHeight(), cfg.zWidth());
        ops.output(Z, Codebook.lookup(ops, cfg, codes));
    }

    /**
     * The decoder: {@link #DETER}, {@link #Z} {@code [N, h, w, E]} → {@link #LOGITS}
     * {@code [N, H, W, vqCodes]} and the index output {@link #VQ_CODES} {@code [N, H, W]}
     * (argmax, the first on ties).
     */
    public <T> void decoder(Ops<T> ops, int n) {
        T deter = ops.input(DETER, n, cfg.zHeight(), cfg.zWidth(), cfg.embeddingDim());
        T z = ops.input(Z, n, cfg.zHeight(), cfg.zWidth(), cfg.embeddingDim());
        T logits = Decoder.apply(ops, cfg, deter, z);
        ops.output(LOGITS, logits);
        ops.indexOutput(VQ_CODES, ops.argminLast(ops.mul(logits, ops.scalar(-1f))));
    }

    /**
     * The prior's inference logits: {@link #TOKENS} index {@code [N, h, w]} (MASK = n_codes),
     * {@link #DETER} {@code [N, h, w, E]} → {@link #LOGITS} {@code [N, h, w, n_codes]}.
     */
    public <T> void priorLogits(Ops<T> ops, int n) {
        T tokens = ops.indexInput(TOKENS, n, cfg.zHeight(), cfg.zWidth());
        T deter = ops.input(DETER, n, cfg.zHeight(), cfg.zWidth(), cfg.embeddingDim());
        ops.output(LOGITS, prior.logits(ops, PRIOR, tokens, deter));
    }

    /** The component a parameter belongs to, by its name's first part (sos and sos_post are one: "sos"). */
    static String component(String parameter) {
        String head = parameter.contains(".") ? parameter.substring(0, parameter.indexOf('.')) : parameter;
        return head.equals(PosteriorEncoder.SOS_POST) ? TemporalTransformer.SOS : head;
    }

    /**
     * Parameters per component — encoder, codebook, action_embeds, z_proj, sos (sos + sos_post),
     * z_tfm, z_unproj, decoder, prior — counted on {@link ShapeOps}: nothing is
     * allocated, so DMLab's 172 M parameters are counted at once.
     */
    public static Map<String, Long> parameterBreakdown(TecoConfig cfg, PriorNetwork prior) {
        ShapeOps ops = new ShapeOps();
        TecoModel model = new TecoModel(cfg, prior, new float[cfg.vqCodes() * cfg.vqDim()]);
        model.observe(ops, 1, cfg.nCond() + 1);
        model.temporal(ops, 1);
        model.lookup(ops, 1);
        model.decoder(ops, 1);
        model.priorLogits(ops, 1);
        for (String graph : prior.extraGraphs()) {
            prior.extraGraph(ops, PRIOR, graph, 1);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : ops.parameterShapes().keySet()) {
            out.merge(component(name), ops.parameterSize(name), Long::sum);
        }
        return out;
    }

    /** Total parameters, counted from shapes only (no DMLab-size arrays are allocated). */
    public static long parameterCount(TecoConfig cfg, PriorNetwork prior) {
        return parameterBreakdown(cfg, prior).values().stream().mapToLong(Long::longValue).sum();
    }
}
