package org.tecoplatform.nn;

/**
 * Flax {@code nn.Embed}: a table {@code [rows, features]} looked up by integer ids, as one-hot ×
 * matmul (SameDiff's gather backpropagates wrongly when the table has more rows than ids).
 * Parameter {@code <name>.embedding}, initialised normal(stddev 1) unless given otherwise.
 *
 * <p>Index −1 means the last row in the original (numpy indexing: "no action", MASK). The graph
 * takes ids in {@code [0, rows)} only — a one-hot of −1 is all zeros in SameDiff — so callers map
 * ids through {@link #resolve} before feeding them.
 */
public final class Embedding {

    private Embedding() {
    }

    public static <T> T apply(Ops<T> ops, String name, T ids, int rows, int features) {
        return apply(ops, name, ids, rows, features, Init.normal(1.0));
    }

    public static <T> T apply(Ops<T> ops, String name, T ids, int rows, int features, Init init) {
        T table = ops.param(name + ".embedding", init, rows, features);
        T oh = ops.oneHot(ids, rows);
        int[] s = ops.shape(oh);
        T flat = s.length == 2 ? oh : ops.reshape(oh, -1, rows);
        T y = ops.matmul(flat, table);
        int[] out = s.clone();
        out[s.length - 1] = features;
        return s.length == 2 ? y : ops.reshape(y, out);
    }

    /** Maps numpy-style ids (−rows ≤ id &lt; rows; −1 = last row) into {@code [0, rows)}. */
    public static int[] resolve(int[] ids, int rows) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < -rows || id >= rows) {
                throw new IllegalArgumentException("id " + id + " out of range for " + rows + " rows");
            }
            out[i] = id < 0 ? id + rows : id;
        }
        return out;
    }
}
