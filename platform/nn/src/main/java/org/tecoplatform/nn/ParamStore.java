package org.tecoplatform.nn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpyDtype;
import org.tecoplatform.npz.NpzReader;
import org.tecoplatform.npz.NpzWriter;

/**
 * Named float32 parameters (dotted names such as {@code encoder.block0.conv1.kernel}) with their
 * shapes. A parameter is created the first time a block asks for it; its values come from a random
 * stream derived from the store's seed and the parameter's name only, so the same seed gives the
 * same parameters whatever order blocks are built in. Saved as an npz archive (one float32 member
 * per parameter), which both back ends and numpy read.
 */
public final class ParamStore {

    private final long seed;
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();
    private boolean handsOver;

    public ParamStore(long seed) {
        this.seed = seed;
    }

    /**
     * From now on a value copied into a live array ({@link #handedOver}) is dropped from the store:
     * a trainer's live arrays are the parameters between checkpoints, and keeping a second copy on
     * the heap costs as much memory as the parameters (0.69 GB for DMLab's 172 M). The trainer
     * puts the values back before it saves or returns the store.
     */
    public ParamStore handingOver() {
        this.handsOver = true;
        return this;
    }

    /** {@code name}'s value now lives in a live array: forgotten here if {@link #handingOver} was asked for. */
    public void handedOver(String name) {
        if (handsOver) {
            values.remove(name);
        }
    }

    /** {@link #handedOver} for every parameter (after a checkpoint was written from the store). */
    public void handedOverAll() {
        if (handsOver) {
            values.clear();
        }
    }

    public long seed() {
        return seed;
    }

    /** The value of {@code name}, initialising it with {@code init} if absent; the shape must match. */
    public float[] getOrCreate(String name, int[] shape, Init init) {
        float[] existing = values.get(name);
        if (existing != null) {
            if (!Arrays.equals(shapes.get(name), shape)) {
                throw new IllegalArgumentException("parameter " + name + " has shape "
                        + Arrays.toString(shapes.get(name)) + ", asked for " + Arrays.toString(shape));
            }
            return existing;
        }
        float[] data = new float[Math.toIntExact(count(shape))];
        init.fill(shape.clone(), data, new SplittableRandom(seed ^ nameHash(name)));
        put(name, shape, data);
        return data;
    }

    /** Sets (or replaces) a parameter. */
    public void put(String name, int[] shape, float[] data) {
        if (count(shape) != data.length) {
            throw new IllegalArgumentException("parameter " + name + ": shape " + Arrays.toString(shape)
                    + " needs " + count(shape) + " values, got " + data.length);
        }
        values.put(name, data);
        shapes.put(name, shape.clone());
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public float[] get(String name) {
        float[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return v;
    }

    public int[] shape(String name) {
        get(name);
        return shapes.get(name).clone();
    }

    /** Total number of scalars. */
    public long size() {
        return values.values().stream().mapToLong(v -> v.length).sum();
    }

    /** Writes every parameter as a float32 member of an npz archive, atomically. */
    public void save(Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        values.forEach((name, data) -> arrays.put(name, NpyArray.float32(shapes.get(name), data)));
        NpzWriter.write(file, arrays, false);
    }

    /** Reads every member of an npz archive written by {@link #save} (or numpy) as a parameter. */
    public static ParamStore load(Path file, long seed) throws IOException {
        ParamStore store = new ParamStore(seed);
        try (NpzReader reader = NpzReader.open(file)) {
            for (String key : reader.keys()) {
                NpyArray a = reader.read(key);
                if (a.dtype() != NpyDtype.FLOAT32) {
                    throw new IOException(file + ": parameter " + key + " is " + a.dtype() + ", expected float32");
                }
                store.put(key, a.shape(), a.toFloats());
            }
        }
        return store;
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    /** FNV-1a 64 of the UTF-8 name: stable across JVMs, unlike String.hashCode mixing. */
    private static long nameHash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
