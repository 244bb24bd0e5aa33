package org.tecoplatform.stage.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void formatsForReading() {
        assertThat(Numbers.format(21.3456)).isEqualTo("21.35");
        assertThat(Numbers.format(0.81234)).isEqualTo("0.8123");
        assertThat(Numbers.format(8)).isEqualTo("8");
        assertThat(Numbers.format(12345.6)).isEqualTo("12,346");
        assertThat(Numbers.format(1.5e-5)).isEqualTo("1.500e-05");
        assertThat(Numbers.format(Double.POSITIVE_INFINITY)).isEqualTo("∞");
        assertThat(Numbers.format(Double.NaN)).isEqualTo(Numbers.NONE);
        assertThat(Numbers.meanStd(21.304, 0.4123)).isEqualTo("21.30 ± 0.41");
        assertThat(Numbers.meanStd(0.81234, 0.0031)).isEqualTo("0.8123 ± 0.0031");
        assertThat(Numbers.seconds(12.34)).isEqualTo("12.3 s");
        assertThat(Numbers.seconds(245)).isEqualTo("4 min 05 s");
        assertThat(Numbers.seconds(7380)).isEqualTo("2 h 03 min");
    }

    @Test
    void escapesMarkup() {
        assertThat(Html.escape("<a href='x'>&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escape("a\u0001b")).isEqualTo("ab");
    }
}
