package org.tecoplatform.nn;

/**
 * TECO's {@code ResNetBlock}: GroupNorm → ELU → conv3×3 → GroupNorm → ELU → conv3×3 (no bias) →
 * AddBias; output {@code skip + 0.1·x}, where the skip is a 1×1 conv without bias when the channel
 * count changes. Parameter names follow Flax's automatic naming inside the block
 * ({@code GroupNorm_0, Conv_0, GroupNorm_1, Conv_1, AddBias_0, skip}) so original checkpoints map
 * by name.
 */
public final class ResNetBlock {

    private ResNetBlock() {
    }

    public static <T> T apply(Ops<T> ops, String name, T x, int depth) {
        return apply(ops, name, x, depth, GroupNorm.GROUPS);
    }

    public static <T> T apply(Ops<T> ops, String name, T x, int depth, int groups) {
        int[] s = ops.shape(x);
        T skip = x;
        if (s[3] != depth) {
            skip = Conv.same(ops, name + ".skip", x, depth, 1, false);
        }
        T h = ops.elu(GroupNorm.apply(ops, name + ".GroupNorm_0", x, groups));
        h = Conv.same(ops, name + ".Conv_0", h, depth, 3, true);
        h = ops.elu(GroupNorm.apply(ops, name + ".GroupNorm_1", h, groups));
        h = Conv.same(ops, name + ".Conv_1", h, depth, 3, false);
        h = AddBias.apply(ops, name + ".AddBias_0", h);
        return ops.add(skip, ops.mul(ops.scalar(0.1f), h));
    }
}
