package org.tecoplatform.nn;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs one network on both back ends (parity) and checks SameDiff's gradients numerically. */
final class Backends {

    /** A network written once against {@link Ops}. */
    interface Net {
        <T> void build(Ops<T> ops);
    }

    /** An input feed: float data, or integer ids when {@code ids} is set. */
    record Feed(int[] shape, float[] data, int[] ids) {
        static Feed floats(Random rng, int... shape) {
            float[] d = new float[Math.toIntExact(ParamStore.count(shape))];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) rng.nextGaussian();
            }
            return new Feed(shape, d, null);
        }

        static Feed ids(int[] ids, int... shape) {
            return new Feed(shape, null, ids);
        }

        boolean isIds() {
            return ids != null;
        }
    }

    private Backends() {
    }

    static INDArray toNd(Feed f, DataType floatType) {
        long[] s = Shapes.longs(f.shape());
        if (f.isIds()) {
            return Nd4j.createFromArray(f.ids()).reshape(s).castTo(DataType.INT);
        }
        return Nd4j.create(f.data(), s, 'c').castTo(floatType);
    }

    /** Float32 SameDiff outputs by name. */
    static Map<String, float[]> runSameDiff(Net net, ParamStore params, Map<String, Feed> feeds) {
        SameDiffOps ops = new SameDiffOps(params, DataType.FLOAT);
        net.build(ops);
        Map<String, INDArray> ph = new HashMap<>();
        feeds.forEach((k, f) -> ph.put(k, toNd(f, DataType.FLOAT)));
        List<String> names = new ArrayList<>(ops.outputs().keySet());
        Map<String, INDArray> out = ops.sameDiff().output(ph, names);
        Map<String, float[]> result = new LinkedHashMap<>();
        for (String n : names) {
            result.put(n, out.get(n).castTo(DataType.FLOAT).dup().data().asFloat());
        }
        return result;
    }

    /** Exports the network (through a file, as inference will load it) and runs it in ONNX Runtime. */
    static Map<String, float[]> runOnnx(Net net, ParamStore params, Map<String, Feed> feeds) throws Exception {
        OnnxOps ops = new OnnxOps(params, "test");
        net.build(ops);
        Path file = Files.createTempFile("teco-nn", ".onnx");
        try {
            OnnxModels.write(ops.model(), file);
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
                opts.setIntraOpNumThreads(1);
                try (OrtSession session = env.createSession(file.toString(), opts)) {
                    Map<String, OnnxTensor> in = new HashMap<>();
                    try {
                        for (Map.Entry<String, Feed> e : feeds.entrySet()) {
                            Feed f = e.getValue();
                            long[] s = Shapes.longs(f.shape());
                            in.put(e.getKey(), f.isIds()
                                    ? OnnxTensor.createTensor(env, LongBuffer.wrap(java.util.Arrays.stream(f.ids()).asLongStream().toArray()), s)
                                    : OnnxTensor.createTensor(env, FloatBuffer.wrap(f.data()), s));
                        }
                        Map<String, float[]> result = new LinkedHashMap<>();
                        try (OrtSession.Result r = session.run(in)) {
                            for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                                FloatBuffer fb = ((OnnxTensor) e.getValue()).getFloatBuffer();
                                float[] a = new float[fb.remaining()];
                                fb.get(a);
                                result.put(e.getKey(), a);
                            }
                        }
                        return result;
                    } finally {
                        in.values().forEach(OnnxTensor::close);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Max |SameDiff − ONNX Runtime| over every output; fails if the output sets differ. */
    static double parity(Net net, ParamStore params, Map<String, Feed> feeds) throws Exception {
        Map<String, float[]> a = runSameDiff(net, params, feeds);
        Map<String, float[]> b = runOnnx(net, params, feeds);
        if (!a.keySet().equals(b.keySet())) {
            throw new AssertionError("outputs differ: " + a.keySet() + " vs " + b.keySet());
        }
        return maxAbsDiff(a, b);
    }

    static double maxAbsDiff(Map<String, float[]> a, Map<String, float[]> b) {
        double max = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k);
            float[] y = b.get(k);
            if (x.length != y.length) {
                throw new AssertionError(k + ": " + x.length + " vs " + y.length + " values");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Float.isFinite(x[i]) || !Float.isFinite(y[i])) {
                    throw new AssertionError(k + "[" + i + "] not finite: " + x[i] + " / " + y[i]);
                }
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    /**
     * Double-precision gradient check of every parameter and float input: the loss is
     * Σ out·R for a fixed random R per output; analytic gradients from SameDiff against central
     * differences at up to {@code samples} elements per array. Returns the largest relative error
     * |a − n| / max(|a| + |n|, 1e-4) (the floor absorbs finite-difference noise, ~1e-10, on gradients that are exactly zero).
     */
    static double gradCheck(Net net, ParamStore params, Map<String, Feed> feeds, int samples, long seed) {
        SameDiffOps ops = new SameDiffOps(params, DataType.DOUBLE, true);
        net.build(ops);
        SameDiff sd = ops.sameDiff();
        Random rng = new Random(seed);
        SDVariable loss = null;
        for (SameDiffOps.Var out : ops.outputs().values()) {
            // Seeded weights: the check is reproducible run to run.
            double[] w = new double[Math.toIntExact(ParamStore.count(out.shape()))];
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextDouble() - 0.5;
            }
            INDArray r = Nd4j.create(w, Shapes.longs(out.shape()), DataType.DOUBLE);
            SDVariable term = sd.sum(out.sd().mul(sd.constant(r)));
            loss = loss == null ? term : loss.add(term);
        }
        loss = sd.identity("gradcheck_loss", loss);
        sd.setLossVariables(loss.name());

        // Index inputs stay placeholders; float inputs are variables (trainableInputs) set here.
        Map<String, INDArray> ph = bindFeeds(sd, feeds);
        List<String> wrt = differentiable(sd, params, feeds);
        Map<String, INDArray> grads = sd.calculateGradients(ph, wrt);

        // 1e-5: truncation error O(eps²) stays ~1e-10 while round-off noise (~1e-16·|loss|/eps) shrinks.
        double eps = 1e-5;
        double worst = 0;
        String worstAt = "";
        for (String name : wrt) {
            INDArray g = grads.get(name);
            if (g == null) {
                throw new AssertionError("no gradient for " + name);
            }
            INDArray target = sd.getVariable(name).getArr();
            long n = target.length();
            for (int s = 0; s < Math.min(samples, n); s++) {
                long i = n <= samples ? s : (long) (rng.nextDouble() * n);
                double orig = target.getDouble(i);
                target.putScalar(i, orig + eps);
                double up = lossValue(sd, ph);
                target.putScalar(i, orig - eps);
                double down = lossValue(sd, ph);
                target.putScalar(i, orig);
                double numeric = (up - down) / (2 * eps);
                double analytic = g.getDouble(i);
                double rel = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-4);
                if (rel > worst) {
                    worst = rel;
                    worstAt = name + "[" + i + "] analytic " + analytic + " numeric " + numeric;
                }
                if (rel > 1e-3) {
                    throw new AssertionError("gradient of " + name + "[" + i + "]: analytic " + analytic
                            + " numeric " + numeric);
                }
            }
        }
        System.out.println("  worst gradient: " + worstAt);
        return worst;
    }

    /**
     * Double-precision directional gradient check over every parameter and float input at once:
     * for each of {@code directions} random unit directions u (±1/√n on each of the n elements), the
     * analytic directional derivative Σ g·u against (L(θ + εu) − L(θ − εu)) / 2ε. Two forward
     * passes per direction, whatever the number of arrays, so it suits whole stacks whose blocks
     * are checked element by element with {@link #gradCheck}. Returns the largest relative error.
     */
    static double gradCheckDirectional(Net net, ParamStore params, Map<String, Feed> feeds, int directions, long seed) {
        SameDiffOps ops = new SameDiffOps(params, DataType.DOUBLE, true);
        net.build(ops);
        SameDiff sd = ops.sameDiff();
        Random rng = new Random(seed);
        SDVariable loss = null;
        for (SameDiffOps.Var out : ops.outputs().values()) {
            double[] w = new double[Math.toIntExact(ParamStore.count(out.shape()))];
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextDouble() - 0.5;
            }
            SDVariable term = sd.sum(out.sd().mul(sd.constant(Nd4j.create(w, Shapes.longs(out.shape()), DataType.DOUBLE))));
            loss = loss == null ? term : loss.add(term);
        }
        loss = sd.identity("gradcheck_loss", loss);
        sd.setLossVariables(loss.name());
        Map<String, INDArray> ph = bindFeeds(sd, feeds);
        List<String> wrt = differentiable(sd, params, feeds);
        Map<String, INDArray> grads = sd.calculateGradients(ph, wrt);
        long total = 0;
        for (String name : wrt) {
            total += sd.getVariable(name).getArr().length();
        }
        // ±1 entries scaled to a unit direction: the truncation error O(ε²·|u|³) stays ~1e-10.
        double unit = 1 / Math.sqrt(total);
        double eps = 1e-5;
        double worst = 0;
        for (int d = 0; d < directions; d++) {
            Map<String, INDArray> u = new LinkedHashMap<>();
            Map<String, INDArray> orig = new LinkedHashMap<>();
            double analytic = 0;
            for (String name : wrt) {
                INDArray target = sd.getVariable(name).getArr();
                double[] dir = new double[Math.toIntExact(target.length())];
                for (int i = 0; i < dir.length; i++) {
                    dir[i] = rng.nextBoolean() ? unit : -unit;
                }
                INDArray ua = Nd4j.create(dir, target.shape(), DataType.DOUBLE);
                u.put(name, ua);
                orig.put(name, target.dup());
                INDArray g = grads.get(name);
                if (g == null) {
                    throw new AssertionError("no gradient for " + name);
                }
                analytic += g.mul(ua).sumNumber().doubleValue();
            }
            u.forEach((name, ua) -> sd.getVariable(name).getArr().addi(ua.mul(eps)));
            double up = lossValue(sd, ph);
            u.forEach((name, ua) -> sd.getVariable(name).getArr().subi(ua.mul(2 * eps)));
            double down = lossValue(sd, ph);
            orig.forEach((name, a) -> sd.getVariable(name).getArr().assign(a));
            double numeric = (up - down) / (2 * eps);
            double rel = Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-4);
            System.out.println("  direction " + d + ": analytic " + analytic + " numeric " + numeric);
            worst = Math.max(worst, rel);
        }
        return worst;
    }

    /**
     * The eager back end against SameDiff, in float64 on the same parameters and inputs: every
     * output, and the gradient of Σ out·R (a fixed random R per output) with respect to every
     * parameter and float input. Returns the largest |eager − SameDiff| / max(|SameDiff|, 1) over
     * outputs and gradients; fails if either side lacks a gradient the other has.
     */
    static double eagerVsSameDiff(Net net, ParamStore params, Map<String, Feed> feeds, long seed) {
        SameDiffOps sops = new SameDiffOps(params, DataType.DOUBLE, true);
        net.build(sops);
        SameDiff sd = sops.sameDiff();
        Map<String, float[]> weights = new LinkedHashMap<>();
        Random rng = new Random(seed);
        for (Map.Entry<String, SameDiffOps.Var> e : sops.outputs().entrySet()) {
            float[] w = new float[Math.toIntExact(ParamStore.count(e.getValue().shape()))];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (rng.nextDouble() - 0.5);
            }
            weights.put(e.getKey(), w);
        }
        Map<String, SameDiffOps.Var> sOuts = new LinkedHashMap<>(sops.outputs());
        SameDiffOps.Var sLoss = weightedSum(sops, sOuts, weights);
        sops.output("eager_check_loss", sLoss);
        sd.setLossVariables("eager_check_loss");
        Map<String, INDArray> ph = bindFeeds(sd, feeds);
        List<String> wrt = differentiable(sd, params, feeds);
        Map<String, INDArray> sGrads = sd.calculateGradients(ph, wrt);
        Map<String, INDArray> sValues = sd.output(ph, new ArrayList<>(sOuts.keySet()));

        Map<String, INDArray> eFeed = new HashMap<>();
        feeds.forEach((k, f) -> eFeed.put(k, toNd(f, DataType.DOUBLE)));
        double worst = 0;
        try (EagerOps eops = new EagerOps(params, new LinkedHashMap<>(), eFeed, DataType.DOUBLE, new ArrayPool(), true)) {
            net.build(eops);
            Map<String, EagerOps.Tensor> eOuts = new LinkedHashMap<>(eops.outputs());
            eops.output("eager_check_loss", weightedSum(eops, eOuts, weights));
            eops.backward("eager_check_loss");
            Map<String, INDArray> eGrads = eops.gradients();
            for (String name : sOuts.keySet()) {
                worst = Math.max(worst, relDiff("output " + name, eops.output(name), sValues.get(name)));
            }
            for (String name : wrt) {
                INDArray e = feeds.containsKey(name) ? eops.inputGradient(name) : eGrads.get(name);
                if (e == null || sGrads.get(name) == null) {
                    throw new AssertionError("gradient of " + name + ": eager " + (e != null) + ", SameDiff "
                            + (sGrads.get(name) != null));
                }
                worst = Math.max(worst, relDiff("gradient of " + name, e, sGrads.get(name)));
            }
        }
        return worst;
    }

    private static <T> T weightedSum(Ops<T> ops, Map<String, T> outs, Map<String, float[]> weights) {
        T loss = null;
        for (Map.Entry<String, T> e : outs.entrySet()) {
            int[] s = ops.shape(e.getValue());
            int[] all = new int[s.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            T prod = ops.mul(e.getValue(), ops.constant(weights.get(e.getKey()), s));
            T term = s.length == 0 ? prod : ops.reduceSum(prod, false, all);
            loss = loss == null ? term : ops.add(loss, term);
        }
        return loss;
    }

    private static double relDiff(String what, INDArray eager, INDArray sameDiff) {
        double[] a = eager.castTo(DataType.DOUBLE).dup().data().asDouble();
        double[] b = sameDiff.castTo(DataType.DOUBLE).dup().data().asDouble();
        if (a.length != b.length) {
            throw new AssertionError(what + ": eager has " + a.length + " values, SameDiff " + b.length);
        }
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1.0));
        }
        if (worst > 1e-6) {
            System.out.println("  eager vs SameDiff, " + what + ": " + worst);
        }
        return worst;
    }

    /** Index feeds as float64 placeholders; float feeds set on their variables (a graph built with trainable inputs). */
    private static Map<String, INDArray> bindFeeds(SameDiff sd, Map<String, Feed> feeds) {
        Map<String, INDArray> ph = new HashMap<>();
        feeds.forEach((k, f) -> {
            if (f.isIds()) {
                ph.put(k, toNd(f, DataType.DOUBLE));
            } else {
                sd.getVariable(k).setArray(toNd(f, DataType.DOUBLE));
            }
        });
        return ph;
    }

    /** The graph's parameters, then the float feeds: what gradients are taken with respect to. */
    private static List<String> differentiable(SameDiff sd, ParamStore params, Map<String, Feed> feeds) {
        List<String> wrt = new ArrayList<>();
        for (String p : params.names()) {
            if (sd.hasVariable(p)) {
                wrt.add(p);
            }
        }
        feeds.forEach((k, f) -> {
            if (!f.isIds()) {
                wrt.add(k);
            }
        });
        return wrt;
    }

    private static double lossValue(SameDiff sd, Map<String, INDArray> ph) {
        return sd.output(ph, "gradcheck_loss").get("gradcheck_loss").getDouble(0);
    }
}
