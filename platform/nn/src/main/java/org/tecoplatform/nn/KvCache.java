package org.tecoplatform.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Host-side key/value cache for frame-by-frame generation with {@link Transformer#step}: per layer
 * one keys and one values array of capacity P = capacityFrames·n tokens, and which frame slots
 * hold data.
 *
 * <p>Layout: each array is row-major {@code [B, H, P, hd]} (float32), the shape of the step
 * graph's past keys/values inputs, so {@link #keys}/{@link #values} can be wrapped as tensors
 * as they are. Frame slot s covers tokens {@code [s·n, (s+1)·n)} of axis 2. Attention does not
 * care which slot holds which frame (positions are added to the tokens before the first layer),
 * so slots are just storage; {@link #bias} masks the slots not written since the last
 * {@link #clear} and lets the new frame's tokens see each other (the frame-causal mask).
 *
 * <p>Empty slots stay zero-filled: a masked slot gets zero weight, but only finite content keeps
 * it that way (0 · NaN is NaN).
 */
public final class KvCache {

    private final int layers;
    private final int batch;
    private final int heads;
    private final int headDim;
    private final int tokensPerFrame;
    private final int capacityFrames;
    private final float[][] keys;
    private final float[][] values;
    private final boolean[] filled;

    public KvCache(int layers, int batch, int heads, int headDim, int tokensPerFrame, int capacityFrames) {
        if (layers <= 0 || batch <= 0 || heads <= 0 || headDim <= 0 || tokensPerFrame <= 0 || capacityFrames <= 0) {
            throw new IllegalArgumentException("cache sizes must be positive");
        }
        this.layers = layers;
        this.batch = batch;
        this.heads = heads;
        this.headDim = headDim;
        this.tokensPerFrame = tokensPerFrame;
        this.capacityFrames = capacityFrames;
        int size = Math.multiplyExact(Math.multiplyExact(batch, heads),
                Math.multiplyExact(capacity(), headDim));
        keys = new float[layers][size];
        values = new float[layers][size];
        filled = new boolean[capacityFrames];
    }

    /** A cache sized for {@code cfg} (a temporal transformer over {@code (frames, h, w)}). */
    public static KvCache forConfig(Transformer.Config cfg, int batch, int capacityFrames) {
        return new KvCache(cfg.numLayers(), batch, cfg.numHeads(), cfg.embedDim() / cfg.numHeads(),
                Transformer.tokensPerFrame(cfg), capacityFrames);
    }

    /** P: capacity in tokens. */
    public int capacity() {
        return Math.multiplyExact(capacityFrames, tokensPerFrame);
    }

    public int capacityFrames() {
        return capacityFrames;
    }

    public int tokensPerFrame() {
        return tokensPerFrame;
    }

    public int layers() {
        return layers;
    }

    /** {@code [B, H, P, hd]}: the shape of each layer's keys and values. */
    public int[] shape() {
        return new int[] {batch, heads, capacity(), headDim};
    }

    /** Layer {@code layer}'s keys, live (not a copy), row-major {@code [B, H, P, hd]}. */
    public float[] keys(int layer) {
        return keys[layer];
    }

    /** Layer {@code layer}'s values, live (not a copy), row-major {@code [B, H, P, hd]}. */
    public float[] values(int layer) {
        return values[layer];
    }

    public boolean isFilled(int slot) {
        return filled[slot];
    }

    /** Number of filled frame slots. */
    public int filledFrames() {
        int c = 0;
        for (boolean f : filled) {
            c += f ? 1 : 0;
        }
        return c;
    }

    /**
     * Writes one frame's keys/values (per layer row-major {@code [B, H, n, hd]}, as {@link
     * Transformer#step} returns them) into frame slot {@code slot} and marks it filled.
     */
    public void write(int slot, List<float[]> frameKeys, List<float[]> frameValues) {
        checkLayers(frameKeys, frameValues);
        for (int l = 0; l < layers; l++) {
            copy(frameKeys.get(l), tokensPerFrame, 0, keys[l], slot * tokensPerFrame, tokensPerFrame);
            copy(frameValues.get(l), tokensPerFrame, 0, values[l], slot * tokensPerFrame, tokensPerFrame);
        }
        filled[slot] = true;
    }

    /**
     * Clears the cache and loads frames {@code 0..frames−1} of a prefill ({@link
     * Transformer#applyWithKv}: per layer {@code [B, H, L, hd]} with {@code L = tokens}) into
     * slots {@code 0..frames−1}.
     */
    public void load(List<float[]> prefillKeys, List<float[]> prefillValues, int tokens, int frames) {
        checkLayers(prefillKeys, prefillValues);
        if (frames < 0 || frames > capacityFrames || Math.multiplyExact(frames, tokensPerFrame) > tokens) {
            throw new IllegalArgumentException(frames + " frames do not fit the cache (" + capacityFrames
                    + " frames) or the prefill (" + tokens + " tokens)");
        }
        clear();
        int count = frames * tokensPerFrame;
        for (int l = 0; l < layers; l++) {
            copy(prefillKeys.get(l), tokens, 0, keys[l], 0, count);
            copy(prefillValues.get(l), tokens, 0, values[l], 0, count);
        }
        Arrays.fill(filled, 0, frames, true);
    }

    /** Marks one slot empty (and zero-fills it), e.g. to evict a frame from a window. */
    public void evict(int slot) {
        for (int l = 0; l < layers; l++) {
            zero(keys[l], slot);
            zero(values[l], slot);
        }
        filled[slot] = false;
    }

    /** Empties every slot (zero-filled). */
    public void clear() {
        for (int l = 0; l < layers; l++) {
            Arrays.fill(keys[l], 0f);
            Arrays.fill(values[l], 0f);
        }
        Arrays.fill(filled, false);
    }

    /**
     * The step's additive bias, row-major {@code [n, P + n]}: per query row, 0 for the filled
     * slots' tokens and for the new frame's own n tokens, {@link Masks#MASKED} for empty slots.
     */
    public float[] bias() {
        return bias(filled, tokensPerFrame);
    }

    /** {@link #bias} for a cache whose first {@code validFrames} slots are filled. */
    public static float[] bias(int tokensPerFrame, int capacityFrames, int validFrames) {
        boolean[] f = new boolean[capacityFrames];
        Arrays.fill(f, 0, validFrames, true);
        return bias(f, tokensPerFrame);
    }

    private static float[] bias(boolean[] filledSlots, int n) {
        int p = filledSlots.length * n;
        int width = p + n;
        float[] b = new float[n * width];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < filledSlots.length; s++) {
                if (!filledSlots[s]) {
                    Arrays.fill(b, i * width + s * n, i * width + (s + 1) * n, Masks.MASKED);
                }
            }
        }
        return b;
    }

    /** Copies {@code count} tokens from {@code [B, H, srcLen, hd]} at srcStart to this cache's layout at dstStart. */
    private void copy(float[] src, int srcLen, int srcStart, float[] dst, int dstStart, int count) {
        int want = batch * heads * srcLen * headDim;
        if (src.length != want) {
            throw new IllegalArgumentException("expected [B, H, " + srcLen + ", hd] = " + want + " values, got " + src.length);
        }
        int p = capacity();
        for (int bh = 0; bh < batch * heads; bh++) {
            System.arraycopy(src, (bh * srcLen + srcStart) * headDim, dst, (bh * p + dstStart) * headDim, count * headDim);
        }
    }

    private void zero(float[] a, int slot) {
        int p = capacity();
        for (int bh = 0; bh < batch * heads; bh++) {
            int from = (bh * p + slot * tokensPerFrame) * headDim;
            Arrays.fill(a, from, from + tokensPerFrame * headDim, 0f);
        }
    }

    private void checkLayers(List<float[]> k, List<float[]> v) {
        if (k.size() != layers || v.size() != layers) {
            throw new IllegalArgumentException("expected keys and values for " + layers + " layers");
        }
    }
}
