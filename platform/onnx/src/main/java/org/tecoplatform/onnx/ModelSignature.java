package org.tecoplatform.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A model's inputs and outputs in graph order, for checking a model file against what its
 * caller feeds and reads. Non-tensor values (sequences, maps) are listed with type
 * {@link OnnxJavaType#UNKNOWN} and no dims.
 */
public record ModelSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ModelSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    public static ModelSignature of(OrtSession session) throws OrtException {
        return new ModelSignature(specs(session.getInputInfo()), specs(session.getOutputInfo()));
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> out = new ArrayList<>();
        for (NodeInfo n : infos.values()) {
            if (n.getInfo() instanceof TensorInfo t) {
                out.add(TensorSpec.of(n.getName(), t));
            } else {
                out.add(new TensorSpec(n.getName(), OnnxJavaType.UNKNOWN, new long[0], new String[0]));
            }
        }
        return out;
    }

    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<TensorSpec> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * How the model's only input differs from {@code expected}, or empty when it matches: the
     * model must have exactly one input, named as expected, of the expected element type and
     * rank; each expected dim that is not {@link TensorSpec#DYNAMIC} must be that fixed size,
     * each dynamic one must be dynamic in the model too (so any batch size is accepted).
     */
    public Optional<String> soleInputMismatch(ExpectedTensor expected) {
        return sole("input", inputs, expected);
    }

    /** As {@link #soleInputMismatch} for the model's only output. */
    public Optional<String> soleOutputMismatch(ExpectedTensor expected) {
        return sole("output", outputs, expected);
    }

    private static Optional<String> sole(String role, List<TensorSpec> specs, ExpectedTensor expected) {
        if (specs.size() != 1 || !specs.get(0).name().equals(expected.name())) {
            return Optional.of("expected one " + role + " '" + expected.name() + "', found " + specs.size() + " "
                    + role + (specs.size() == 1 ? "" : "s") + (specs.isEmpty() ? "" : ": " + names(specs)));
        }
        return expected.mismatch(role, specs.get(0));
    }

    private static String names(List<TensorSpec> specs) {
        return specs.stream().map(t -> "'" + t.name() + "'").collect(Collectors.joining(", "));
    }

    /** Every input and output, for messages: {@code inputs [frames uint8 [batch,32,32,3]] outputs [...]}. */
    public String describe() {
        return "inputs " + inputs + " outputs " + outputs;
    }

    /**
     * What a caller expects of a tensor: name, element type, and dims, {@link TensorSpec#DYNAMIC}
     * where any size is accepted and the model must leave the dim dynamic.
     */
    public record ExpectedTensor(String name, OnnxJavaType type, long... dims) {

        public ExpectedTensor {
            dims = dims.clone();
        }

        @Override
        public long[] dims() {
            return dims.clone();
        }

        /** {@code frames uint8 [?,32,32,3]}. */
        public String describe() {
            StringBuilder b = new StringBuilder(name).append(' ').append(TensorSpec.typeName(type)).append(" [");
            for (int i = 0; i < dims.length; i++) {
                b.append(i == 0 ? "" : ",").append(dims[i] == TensorSpec.DYNAMIC ? "?" : Long.toString(dims[i]));
            }
            return b.append(']').toString();
        }

        /** How {@code found} differs from this expectation ({@code role}: "input" or "output"), or empty. */
        public Optional<String> mismatch(String role, TensorSpec found) {
            String head = role + " '" + name + "': expected " + describe() + ", found " + found.describe();
            if (!found.name().equals(name)) {
                return Optional.of(role + ": expected a tensor named '" + name + "', found '" + found.name() + "'");
            }
            if (found.type() != type) {
                return Optional.of(head + " (element type " + TensorSpec.typeName(found.type()) + ")");
            }
            if (found.rank() != dims.length) {
                return Optional.of(head + " (rank " + found.rank() + " instead of " + dims.length + ")");
            }
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] == TensorSpec.DYNAMIC && !found.isDynamic(i)) {
                    return Optional.of(head + " (dim " + i + " is fixed at " + found.dim(i) + ", expected a dynamic size)");
                }
                if (dims[i] != TensorSpec.DYNAMIC && found.dim(i) != dims[i]) {
                    return Optional.of(head + " (dim " + i + " is " + (found.isDynamic(i) ? "dynamic" : Long.toString(found.dim(i)))
                            + " instead of " + dims[i] + ")");
                }
            }
            return Optional.empty();
        }
    }
}
