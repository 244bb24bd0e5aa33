package org.tecoplatform.stage.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    @Test
    void readsColumnsByNameAndOddCellsAsNaN() {
        CsvTable t = CsvTable.parse(List.of("step,loss,perplexity", "10,2.5,inf", "", "20,oops,12", "30,1.5"));
        assertThat(t.columns()).containsExactly("step", "loss", "perplexity");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.column("step")).containsExactly(10, 20, 30);
        assertThat(t.column("loss")).containsExactly(2.5, Double.NaN, 1.5);
        assertThat(t.column("perplexity")).containsExactly(Double.POSITIVE_INFINITY, 12, Double.NaN);
        assertThat(t.lastRow()).containsEntry("step", 30.0);
    }

    @Test
    void anEmptyFileHasNoColumns() {
        CsvTable t = CsvTable.parse(List.of());
        assertThat(t.columns()).isEmpty();
        assertThat(t.has("step")).isFalse();
    }
}
