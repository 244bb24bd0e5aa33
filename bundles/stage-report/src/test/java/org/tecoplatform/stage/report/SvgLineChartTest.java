package org.tecoplatform.stage.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class SvgLineChartTest {

    private static final String SVG = "http://www.w3.org/2000/svg";

    @Test
    void aLineHasAxesTicksLabelsAndOnePath() throws Exception {
        String svg = new SvgLineChart("loss", "step", "loss")
                .add(new SvgLineChart.Series("loss", "#123456", new double[] {0, 100, 200}, new double[] {3.2, 1.1, 0.7}, false))
                .render();
        Document d = Xml.parse(svg);
        assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(d.getElementsByTagNameNS(SVG, "path").getLength()).isEqualTo(1);
        assertThat(svg).contains(">step</text>", ">loss</text>", ">200</text>", ">0</text>", "stroke=\"#123456\"");
        assertThat(svg).doesNotContain("NaN", "Infinity");
        // One series, so no legend.
        assertThat(svg).doesNotContain("legend-item");
    }

    @Test
    void onePointIsADot() throws Exception {
        String svg = new SvgLineChart("one", "x", "y").add(new SvgLineChart.Series("s", "red", new double[] {5}, new double[] {2}, false))
                .render();
        Document d = Xml.parse(svg);
        assertThat(d.getElementsByTagNameNS(SVG, "circle").getLength()).isEqualTo(1);
        assertThat(d.getElementsByTagNameNS(SVG, "path").getLength()).isZero();
        assertThat(svg).doesNotContain("NaN", "Infinity");
    }

    @Test
    void aConstantSeriesGetsARangeAroundItsValue() throws Exception {
        for (double v : new double[] {0, 21.5, -3e-6, 1e9}) {
            String svg = new SvgLineChart("flat", "x", "y").add(SvgLineChart.Series.indexed("s", "red", new double[] {v, v, v, v}, false))
                    .render();
            Xml.parse(svg);
            assertThat(svg).as("value %s", v).doesNotContain("NaN", "Infinity").contains("<path d=\"M");
            SvgLineChart.Axis a = SvgLineChart.Axis.nice(v, v);
            assertThat(a.max()).isGreaterThan(a.min());
            assertThat(a.min()).isLessThanOrEqualTo(v);
            assertThat(a.max()).isGreaterThanOrEqualTo(v);
        }
    }

    @Test
    void nonFinitePointsAreSkippedAndBreakTheLine() throws Exception {
        double nan = Double.NaN;
        String svg = new SvgLineChart("gaps", "x", "y").add(SvgLineChart.Series.indexed("s", "red",
                new double[] {1, 2, nan, 3, 4, Double.POSITIVE_INFINITY, 5}, false)).render();
        Document d = Xml.parse(svg);
        Element path = (Element) d.getElementsByTagNameNS(SVG, "path").item(0);
        // Two segments of two points each, and the last point alone becomes a dot.
        assertThat(Xml.count(path.getAttribute("d"), "M")).isEqualTo(2);
        assertThat(Xml.count(path.getAttribute("d"), "L")).isEqualTo(2);
        assertThat(d.getElementsByTagNameNS(SVG, "circle").getLength()).isEqualTo(1);
        assertThat(svg).doesNotContain("NaN", "Infinity");
    }

    @Test
    void nothingFiniteSaysSo() throws Exception {
        String empty = new SvgLineChart("none", "x", "y").render();
        String nans = new SvgLineChart("nans", "x", "y").add(SvgLineChart.Series.indexed("s", "red", new double[] {Double.NaN}, false))
                .render();
        for (String svg : new String[] {empty, nans}) {
            Xml.parse(svg);
            assertThat(svg).contains("no finite values to plot");
        }
    }

    @Test
    void textIsEscapedAndSeveralSeriesGetALegend() throws Exception {
        String svg = new SvgLineChart("a <b> & \"c\"", "x", "y")
                .add(SvgLineChart.Series.indexed("model", "#00f", new double[] {1, 2}, false))
                .add(SvgLineChart.Series.indexed("<baseline>", "#888", new double[] {2, 1}, true)).render();
        Document d = Xml.parse(svg);
        assertThat(d.getElementsByTagNameNS(SVG, "title").item(0).getTextContent()).isEqualTo("a <b> & \"c\"");
        assertThat(svg).contains("&lt;baseline&gt;", "stroke-dasharray=\"6 4\"", "legend-item");
    }

    @Test
    void ticksAreNiceNumbers() {
        SvgLineChart.Axis a = SvgLineChart.Axis.nice(0.03, 0.93);
        assertThat(a.step()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.min()).isZero();
        assertThat(a.max()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(SvgLineChart.Axis.nice(10, 5000).ticks()).containsExactly(0.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0);
        assertThat(Numbers.tick(0.30000000000000004, 0.1)).isEqualTo("0.3");
        assertThat(Numbers.tick(4000, 1000)).isEqualTo("4,000");
    }

    @Test
    void mismatchedSeriesAreRefused() {
        assertThatThrownBy(() -> new SvgLineChart.Series("s", "red", new double[] {1, 2}, new double[] {1}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 x values for 1 y values");
    }
}
