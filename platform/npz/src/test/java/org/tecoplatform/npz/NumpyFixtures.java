package org.tecoplatform.npz;

import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The arrays tools/fixtures/make_npz_fixtures.py saves (dtype_arrays), rebuilt in Java, and the fixture files. */
final class NumpyFixtures {

    private NumpyFixtures() {
    }

    static Path file(String name) {
        try {
            return Path.of(NumpyFixtures.class.getResource("/numpy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Same names, order, dtypes, shapes and values as dtype_arrays() in the script. */
    static Map<String, NpyArray> dtypeArrays() {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("b1", raw(NpyDtype.BOOL, new int[] {3}, b -> b.put((byte) 1).put((byte) 0).put((byte) 1)));
        m.put("i1", raw(NpyDtype.INT8, new int[] {5}, b -> b.put((byte) -128).put((byte) -1).put((byte) 0).put((byte) 1).put((byte) 127)));
        m.put("u1", NpyArray.uint8(new int[] {5}, new byte[] {0, 1, 127, (byte) 128, (byte) 255}));
        m.put("i2", raw(NpyDtype.INT16, new int[] {4}, b -> b.putShort((short) -32768).putShort((short) -1).putShort((short) 0).putShort((short) 32767)));
        m.put("u2", raw(NpyDtype.UINT16, new int[] {4}, b -> b.putShort((short) 0).putShort((short) 1).putShort((short) 32768).putShort((short) 65535)));
        m.put("i4", i4());
        m.put("u4", raw(NpyDtype.UINT32, new int[] {4}, b -> b.putInt(0).putInt(1).putInt(Integer.MAX_VALUE).putInt(-1)));
        m.put("i8", NpyArray.int64(new int[] {4}, new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}));
        m.put("u8", raw(NpyDtype.UINT64, new int[] {4}, b -> b.putLong(0).putLong(1).putLong(Integer.MAX_VALUE).putLong(-1)));
        m.put("f4", NpyArray.float32(new int[] {6}, new float[] {0f, -1.5f, 0.1f, 3.4028235e38f, Float.NEGATIVE_INFINITY, Float.NaN}));
        m.put("f8", NpyArray.float64(new int[] {6}, new double[] {0, -1.5, 0.1, Double.MAX_VALUE, Double.NEGATIVE_INFINITY, Double.NaN}));
        m.put("scalar", NpyArray.int64(new int[] {}, new long[] {42}));
        m.put("empty", NpyArray.float32(new int[] {0}, new float[0]));
        m.put("empty3d", NpyArray.uint8(new int[] {2, 0, 3}, new byte[0]));
        m.put("video", video());
        return m;
    }

    static NpyArray i4() {
        return NpyArray.int32(new int[] {2, 3}, new int[] {Integer.MIN_VALUE, -1, 0, 1, 2, Integer.MAX_VALUE});
    }

    /** (np.arange(72) % 256).astype(uint8).reshape(2, 3, 4, 3) */
    static NpyArray video() {
        byte[] v = new byte[2 * 3 * 4 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (byte) (i % 256);
        }
        return NpyArray.uint8(new int[] {2, 3, 4, 3}, v);
    }

    interface Fill {
        void into(ByteBuffer b);
    }

    private static NpyArray raw(NpyDtype dtype, int[] shape, Fill fill) {
        ByteBuffer b = ByteBuffer.allocate((int) NpyHeader.elementCount(shape) * dtype.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        fill.into(b);
        return new NpyArray(dtype, shape, b.flip());
    }
}
