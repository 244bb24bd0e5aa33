package org.tecoplatform.nn;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Counts the multiply-add FLOPs (2 per MAC) of the matrix products and convolutions a network
 * declares while it is built, from the static shapes, for benchmarks' achieved GFLOP/s.
 * Element-wise work (normalisation, activations, softmax, the optimiser) is not counted: it is
 * O(elements), not O(elements × width).
 */
public final class FlopCounter {

    private long flops;

    public long flops() {
        return flops;
    }

    /**
     * {@code ops} with every {@code matmul} and {@code conv2d} counted here; everything else passes
     * through. A proxy rather than a class, so new {@link Ops} methods pass through too.
     */
    @SuppressWarnings("unchecked")
    public <T> Ops<T> wrap(Ops<T> ops) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("rowwise") && args.length == 3) {
                // Count the row function's products once, on the whole input, through this proxy.
                return ((Ops.RowFunction<T>) args[2]).apply((Ops<T>) proxy, (T) args[0]);
            }
            Object out;
            try {
                out = method.invoke(ops, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("matmul") && args.length == 2) {
                int[] a = ops.shape((T) args[0]);
                int[] o = ops.shape((T) out);
                flops += 2L * product(o) * a[a.length - 1];
            } else if (method.getName().equals("conv2d") && args.length == 4) {
                int[] k = ops.shape((T) args[1]);     // HWIO
                int[] o = ops.shape((T) out);         // NHWC
                flops += 2L * product(o) * k[0] * k[1] * k[2];
            }
            return out;
        };
        return (Ops<T>) Proxy.newProxyInstance(Ops.class.getClassLoader(), new Class<?>[] {Ops.class}, h);
    }

    private static long product(int[] s) {
        long n = 1;
        for (int v : s) {
            n *= v;
        }
        return n;
    }
}
