package org.tecoplatform.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NpyDtypeTest {

    @Test
    void parsesEveryDescrNumpyWrites() {
        String[] descrs = {"|b1", "|i1", "|u1", "<i2", "<u2", "<i4", "<u4", "<i8", "<u8", "<f4", "<f8"};
        NpyDtype[] types = {NpyDtype.BOOL, NpyDtype.INT8, NpyDtype.UINT8, NpyDtype.INT16, NpyDtype.UINT16, NpyDtype.INT32,
                NpyDtype.UINT32, NpyDtype.INT64, NpyDtype.UINT64, NpyDtype.FLOAT32, NpyDtype.FLOAT64};
        for (int i = 0; i < descrs.length; i++) {
            assertThat(NpyDtype.fromDescr(descrs[i])).isEqualTo(types[i]);
            assertThat(types[i].descr()).isEqualTo(descrs[i]);
        }
        assertThat(NpyDtype.INT64.itemSize()).isEqualTo(8);
        assertThat(NpyDtype.UINT16.isInteger()).isTrue();
        assertThat(NpyDtype.UINT16.isUnsigned()).isTrue();
        assertThat(NpyDtype.BOOL.isInteger()).isFalse();
        assertThat(NpyDtype.FLOAT32.isFloat()).isTrue();
    }

    @Test
    void singleByteTypesIgnoreTheByteOrderMark() {
        assertThat(NpyDtype.fromDescr("<u1")).isEqualTo(NpyDtype.UINT8);
        assertThat(NpyDtype.fromDescr(">i1")).isEqualTo(NpyDtype.INT8);
        assertThat(NpyDtype.fromDescr("=b1")).isEqualTo(NpyDtype.BOOL);
    }

    @Test
    void bigEndianIsRefusedWithTheFix() {
        assertThatThrownBy(() -> NpyDtype.fromDescr(">i4"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dtype '>i4' is big-endian, which is not supported: expected '<i4' (save it with arr.astype('<i4'))");
    }

    @Test
    void objectAndUnknownTypesAreRefusedNamingWhatIsSupported() {
        assertThatThrownBy(() -> NpyDtype.fromDescr("|O"))
                .hasMessageStartingWith("dtype '|O' is a Python object array (it needs pickle), which is not supported: expected one of |b1 |i1 |u1 <i2");
        assertThatThrownBy(() -> NpyDtype.fromDescr("<U10")).hasMessageStartingWith("dtype '<U10' is not supported: expected one of |b1");
        assertThatThrownBy(() -> NpyDtype.fromDescr("i4")).hasMessageStartingWith("dtype descr 'i4' is not valid: expected a byte order");
        assertThatThrownBy(() -> NpyDtype.fromDescr("|i4")).hasMessage("dtype '|i4' has no explicit byte order: expected '<i4'");
        assertThatThrownBy(() -> NpyDtype.fromDescr("")).hasMessageStartingWith("dtype descr '' is not valid");
    }
}
