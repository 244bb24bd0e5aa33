package org.tecoplatform.npz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PyLiteralTest {

    @Test
    void parsesNumpysHeaderDict() {
        Object v = PyLiteral.parse("{'descr': '<i4', 'fortran_order': False, 'shape': (4, 64, 64, 3), }   \n");
        assertThat(v).isEqualTo(Map.of("descr", "<i4", "fortran_order", false,
                "shape", new PyLiteral.Tuple(List.of(big(4), big(64), big(64), big(3)))));
    }

    @Test
    void acceptsWhatOtherWritersProduce() {
        // Double quotes, no trailing commas, another key order, Python 2 long suffixes, a 1-tuple and an empty tuple.
        Object v = PyLiteral.parse("{\"shape\": (3L,), \"fortran_order\": True, \"descr\": \"|u1\"}");
        assertThat(v).isEqualTo(Map.of("descr", "|u1", "fortran_order", true, "shape", new PyLiteral.Tuple(List.of(big(3)))));
        assertThat(PyLiteral.parse("()")).isEqualTo(new PyLiteral.Tuple(List.of()));
        assertThat(PyLiteral.parse("[('a', '<i4'), None]")).isEqualTo(java.util.Arrays.asList(
                new PyLiteral.Tuple(List.of("a", "<i4")), null));
    }

    @Test
    void saysWhereTheTextStopsBeingALiteral() {
        assertThatThrownBy(() -> PyLiteral.parse("{'descr' '<i4'}"))
                .hasMessage("at character 9: expected ':', found ''<i4'}'");
        assertThatThrownBy(() -> PyLiteral.parse("{'shape': (3, 4}"))
                .hasMessage("at character 15: expected ',' or ')', found '}'");
        assertThatThrownBy(() -> PyLiteral.parse("{'a': 1} x")).hasMessage("at character 9: expected end of the literal, found 'x'");
        assertThatThrownBy(() -> PyLiteral.parse("(3)")).hasMessageContaining("a 1-tuple needs a trailing comma");
        assertThatThrownBy(() -> PyLiteral.parse("os.system('x')")).hasMessage("at character 0: expected a value, found 'os.system('x'");
    }

    @Test
    void deepNestingIsRefusedBeforeTheStackOverflows() {
        String deep = "[".repeat(100_000);
        assertThatThrownBy(() -> PyLiteral.parse(deep)).hasMessage("nested deeper than 32 levels");
    }

    private static BigInteger big(long n) {
        return BigInteger.valueOf(n);
    }
}
