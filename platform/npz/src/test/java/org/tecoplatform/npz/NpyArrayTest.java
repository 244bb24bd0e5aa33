package org.tecoplatform.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class NpyArrayTest {

    @Test
    void factoriesStoreLittleEndianBytes() {
        NpyArray a = NpyArray.int32(new int[] {2}, new int[] {1, -2});
        assertThat(bytes(a)).containsExactly(1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF);
        NpyArray f = NpyArray.float32(new int[] {1}, new float[] {1.0f});
        assertThat(bytes(f)).containsExactly(0, 0, 0x80, 0x3F);
        NpyArray l = NpyArray.int64(new int[] {1}, new long[] {0x0102030405060708L});
        assertThat(bytes(l)).containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
    }

    @Test
    void accessorsConvertWithoutLosingValues() {
        NpyArray u8 = NpyArray.uint8(new int[] {2, 2}, new byte[] {0, 1, (byte) 128, (byte) 255});
        assertThat(u8.toUint8()).containsExactly(0, 1, -128, -1);
        assertThat(u8.toInts()).containsExactly(0, 1, 128, 255);
        assertThat(u8.toFloats()).containsExactly(0f, 1f, 128f, 255f);
        assertThat(u8.elementCount()).isEqualTo(4);
        assertThat(NpyArray.int64(new int[] {3}, new long[] {-5, 0, Integer.MAX_VALUE}).toInts()).containsExactly(-5, 0, Integer.MAX_VALUE);
        assertThat(NpyArray.float64(new int[] {2}, new double[] {0.5, -2}).toFloats()).containsExactly(0.5f, -2f);
        assertThat(NpyArray.float32(new int[] {1}, new float[] {0.1f}).toDoubles()).containsExactly((double) 0.1f);
    }

    @Test
    void toIntsFailsClearlyOnOverflow() {
        NpyArray big = NpyArray.int64(new int[] {3}, new long[] {1, 2, 1L << 31});
        assertThatThrownBy(big::toInts).isInstanceOf(ArithmeticException.class)
                .hasMessage("element 2 of a <i8 array of shape (3,) is 2147483648, which does not fit in a Java int");
        ByteBuffer u64 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertThatThrownBy(() -> new NpyArray(NpyDtype.UINT64, new int[] {1}, u64).toInts())
                .hasMessage("element 0 of a <u8 array of shape (1,) is 18446744073709551615, which does not fit in a Java long");
    }

    @Test
    void wrongDtypeForAnAccessorSaysWhatItIs() {
        assertThatThrownBy(() -> NpyArray.int32(new int[] {1}, new int[] {1}).toUint8())
                .isInstanceOf(IllegalStateException.class).hasMessage("NpyArray(<i4, (1,)): expected dtype |u1 (uint8)");
        assertThatThrownBy(() -> NpyArray.float32(new int[] {1}, new float[] {1}).toInts())
                .hasMessageContaining("is not an integer array");
    }

    @Test
    void dataMustMatchTheShape() {
        assertThatThrownBy(() -> NpyArray.uint8(new int[] {2, 3}, new byte[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a |u1 array of shape (2, 3) needs 6 bytes of data, got 5");
        assertThatThrownBy(() -> NpyArray.uint8(new int[] {-1}, new byte[0])).hasMessageContaining("negative dimension");
    }

    @Test
    void isAValueWithDefensiveCopies() {
        int[] shape = {2};
        NpyArray a = NpyArray.int32(shape, new int[] {7, 8});
        shape[0] = 99;
        assertThat(a.shape()).containsExactly(2);
        a.shape()[0] = 5;
        assertThat(a.shape()).containsExactly(2);
        a.data().position(4);
        assertThat(a.toInts()).containsExactly(7, 8);
        assertThat(a).isEqualTo(NpyArray.int32(new int[] {2}, new int[] {7, 8}))
                .hasSameHashCodeAs(NpyArray.int32(new int[] {2}, new int[] {7, 8}))
                .isNotEqualTo(NpyArray.int32(new int[] {2}, new int[] {7, 9}))
                .isNotEqualTo(NpyArray.int32(new int[] {1, 2}, new int[] {7, 8}));
        assertThat(a.data().isReadOnly()).isTrue();
        assertThat(a.header()).isEqualTo(new NpyHeader(NpyDtype.INT32, new int[] {2}, false));
    }

    private static int[] bytes(NpyArray a) {
        ByteBuffer b = a.data();
        int[] out = new int[b.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i) & 0xFF;
        }
        return out;
    }
}
