package org.tecoplatform.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Direct buffers kept per tensor name for repeated runs: ONNX Runtime reads an input tensor
 * made over a direct buffer in place (no copy into native memory), and writes a pinned output
 * tensor made over one in place, so a loop of runs with the same shapes allocates no new
 * native memory. A name's buffer is replaced only when a run needs a larger one; close the
 * tensors of one run before asking for larger ones. Not thread-safe.
 */
public final class TensorBuffers {

    private final OrtEnvironment env;
    private final Map<String, ByteBuffer> buffers = new HashMap<>();

    public TensorBuffers(OrtEnvironment env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /**
     * The direct, native-order buffer for {@code name} with room for {@code bytes}: position 0,
     * limit {@code bytes}; the same buffer as the previous call while it is large enough.
     */
    public ByteBuffer buffer(String name, long bytes) {
        if (bytes < 0 || bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor '" + name + "' needs " + bytes + " bytes; at most " + (Integer.MAX_VALUE - 8) + " fit one buffer");
        }
        ByteBuffer b = buffers.get(name);
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
            buffers.put(name, b);
        }
        b.clear().limit((int) bytes);
        return b;
    }

    /** A uint8 tensor of {@code shape} holding {@code data[offset ..]} (as many bytes as the shape has elements). */
    public OnnxTensor uint8(String name, byte[] data, int offset, long... shape) throws OrtException {
        int n = elements(name, shape);
        ByteBuffer b = buffer(name, n);
        b.put(data, offset, n).flip();
        return OnnxTensor.createTensor(env, b, shape, OnnxJavaType.UINT8);
    }

    /** An int64 tensor of {@code shape} holding {@code data[offset ..]} widened to longs. */
    public OnnxTensor int64(String name, int[] data, int offset, long... shape) throws OrtException {
        int n = elements(name, shape);
        ByteBuffer b = buffer(name, 8L * n);
        for (int i = 0; i < n; i++) {
            b.putLong(i * 8, data[offset + i]);
        }
        return OnnxTensor.createTensor(env, b.asLongBuffer(), shape);
    }

    /** An int64 tensor of {@code shape} holding {@code data[offset ..]}. */
    public OnnxTensor int64(String name, long[] data, int offset, long... shape) throws OrtException {
        int n = elements(name, shape);
        ByteBuffer b = buffer(name, 8L * n);
        b.asLongBuffer().put(data, offset, n);
        return OnnxTensor.createTensor(env, b.asLongBuffer(), shape);
    }

    /** A float32 tensor of {@code shape} holding {@code data[offset ..]}. */
    public OnnxTensor float32(String name, float[] data, int offset, long... shape) throws OrtException {
        int n = elements(name, shape);
        ByteBuffer b = buffer(name, 4L * n);
        b.asFloatBuffer().put(data, offset, n);
        return OnnxTensor.createTensor(env, b.asFloatBuffer(), shape);
    }

    /**
     * An empty tensor of {@code type} and {@code shape} over the buffer for {@code name}, to pass
     * as a pinned output ({@code session.run(inputs, Map.of(name, tensor))}): the run writes
     * into the buffer, read it back with {@link #buffer(String)} or the copy helpers.
     */
    public OnnxTensor output(String name, OnnxJavaType type, long... shape) throws OrtException {
        int n = elements(name, shape);
        ByteBuffer b = buffer(name, (long) bytesPer(type) * n);
        return switch (type) {
            case FLOAT -> OnnxTensor.createTensor(env, b.asFloatBuffer(), shape);
            case INT64 -> OnnxTensor.createTensor(env, b.asLongBuffer(), shape);
            case INT32 -> OnnxTensor.createTensor(env, b.asIntBuffer(), shape);
            case DOUBLE -> OnnxTensor.createTensor(env, b.asDoubleBuffer(), shape);
            case UINT8, INT8, BOOL -> OnnxTensor.createTensor(env, b, shape, type);
            default -> throw new IllegalArgumentException("no pinned outputs of type " + TensorSpec.typeName(type));
        };
    }

    /** The current buffer of {@code name} (position 0, limit as last sized). */
    public ByteBuffer buffer(String name) {
        ByteBuffer b = buffers.get(name);
        if (b == null) {
            throw new IllegalStateException("no buffer for tensor '" + name + "'");
        }
        return b.duplicate().order(ByteOrder.nativeOrder()).position(0);
    }

    /** Copies {@code count} bytes of {@code name}'s buffer into {@code dst[offset ..]}. */
    public void copyUint8(String name, byte[] dst, int offset, int count) {
        buffer(name).get(dst, offset, count);
    }

    /** Copies {@code count} int64 values of {@code name}'s buffer into {@code dst[offset ..]}, narrowed to ints. */
    public void copyInt64ToInts(String name, int[] dst, int offset, int count) {
        ByteBuffer b = buffer(name);
        for (int i = 0; i < count; i++) {
            long v = b.getLong(i * 8);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new ArithmeticException("tensor '" + name + "' element " + i + " = " + v + " does not fit an int");
            }
            dst[offset + i] = (int) v;
        }
    }

    /** Bytes held by all buffers (their capacities). */
    public long bytesHeld() {
        return buffers.values().stream().mapToLong(ByteBuffer::capacity).sum();
    }

    private static int elements(String name, long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dim in shape " + java.util.Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor '" + name + "' of shape " + java.util.Arrays.toString(shape) + " is too large for one buffer");
        }
        return (int) n;
    }

    private static int bytesPer(OnnxJavaType type) {
        return switch (type) {
            case DOUBLE, INT64 -> 8;
            case FLOAT, INT32 -> 4;
            case INT16, FLOAT16, BFLOAT16 -> 2;
            default -> 1;
        };
    }
}
