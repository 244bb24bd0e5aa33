package org.tecoplatform.data.loader;

import java.util.ArrayDeque;

/**
 * Pixel arrays handed back by the consumer ({@link DataLoader#recycle}), reused for later batches
 * of the same size so a training loop does not churn hundreds of megabytes through the GC.
 * Holds at most {@code limit} arrays of each kind.
 */
final class ArrayPool {

    private final int limit;
    private final ArrayDeque<float[]> floats = new ArrayDeque<>();
    private final ArrayDeque<byte[]> bytes = new ArrayDeque<>();

    ArrayPool(int limit) {
        this.limit = limit;
    }

    /** An array of exactly {@code length} floats; contents are arbitrary (callers overwrite all of it). */
    float[] floats(int length) {
        synchronized (this) {
            float[] a = floats.pollFirst();
            if (a != null && a.length == length) {
                return a;
            }
            // Sizes changed (a short last batch, other episode lengths): let the old one go.
        }
        return new float[length];
    }

    /** An array of exactly {@code length} bytes; contents are arbitrary. */
    byte[] bytes(int length) {
        synchronized (this) {
            byte[] a = bytes.pollFirst();
            if (a != null && a.length == length) {
                return a;
            }
        }
        return new byte[length];
    }

    void give(float[] a) {
        if (a != null) {
            synchronized (this) {
                if (floats.size() < limit) {
                    floats.addLast(a);
                }
            }
        }
    }

    void give(byte[] a) {
        if (a != null) {
            synchronized (this) {
                if (bytes.size() < limit) {
                    bytes.addLast(a);
                }
            }
        }
    }

    void clear() {
        synchronized (this) {
            floats.clear();
            bytes.clear();
        }
    }
}
