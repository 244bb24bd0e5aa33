package org.tecoplatform.data.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval.json, the CSV and the Arrow table: their layout, and non-finite values surviving. */
class EvalOutputTest {

    @TempDir
    Path tmp;

    static EvalSummary summary() {
        MetricStats psnr = new MetricStats(Double.POSITIVE_INFINITY, Double.NaN, 2, new double[] {30.5, Double.POSITIVE_INFINITY}, true);
        MetricStats ssim = new MetricStats(0.9, 0.01, 2, new double[] {0.91, 0.89}, true);
        return new EvalSummary("samples_36", 36, 38, 64, 64, 3, 2, 1, 0, Map.of("psnr", psnr),
                new EvalSummary.Baseline("copy_last_frame", Map.of("ssim", ssim)));
    }

    @Test
    void jsonHasTheDocumentedKeysAndRoundTrips() throws Exception {
        Path file = tmp.resolve("eval.json");
        summary().write(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.fieldNames()).toIterable().containsExactly("samples", "context_frames", "frames", "height", "width",
                "channels", "videos", "files", "context_mismatches", "metrics", "baseline");
        assertThat(json.at("/metrics/psnr").fieldNames()).toIterable()
                .containsExactly("mean", "std", "count", "per_frame", "higher_is_better", "non_finite_frames", "finite_mean");
        assertThat(json.at("/metrics/psnr/mean").asText()).isEqualTo("Infinity");
        assertThat(json.at("/metrics/psnr/per_frame/0").asDouble()).isEqualTo(30.5);
        assertThat(json.at("/baseline/method").asText()).isEqualTo("copy_last_frame");
        assertThat(json.at("/baseline/metrics/ssim/std").asDouble()).isEqualTo(0.01);
        assertThat(EvalSummary.fromJson(Files.readString(file))).isEqualTo(summary());
        try (var s = Files.list(tmp)) {
            assertThat(s).containsExactly(file);
        }
    }

    @Test
    void severalFoldersGoInOneObject() throws Exception {
        Path file = tmp.resolve("eval.json");
        EvalSummary.writeAll(Map.of("samples_36", summary()), file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.at("/samples_36/context_frames").asInt()).isEqualTo(36);
    }

    static FrameTable table() {
        FrameTable t = new FrameTable();
        t.add(0, 2, "psnr", new double[] {21.5, Double.POSITIVE_INFINITY}, FrameTable.MODEL);
        t.add(1, 2, "ssim", new double[] {0.25, Double.NaN}, "copy_last_frame");
        return t;
    }

    @Test
    void csvHasAHeaderAndOneLinePerValue() throws Exception {
        Path file = tmp.resolve("t.csv");
        table().write(file);
        assertThat(Files.readAllLines(file)).containsExactly("video,frame,metric,value,method",
                "0,2,psnr,21.5,model", "0,3,psnr,inf,model", "1,2,ssim,0.25,copy_last_frame", "1,3,ssim,nan,copy_last_frame");
    }

    @Test
    void arrowFileHoldsTheSameRows() throws Exception {
        Path file = tmp.resolve("t.arrow");
        table().write(file);
        List<FrameTable.Row> rows = new java.util.ArrayList<>();
        try (RootAllocator alloc = new RootAllocator();
             FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
             ArrowFileReader reader = new ArrowFileReader(ch, alloc)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertThat(root.getSchema().getFields()).extracting(f -> f.getName()).containsExactlyElementsOf(FrameTable.COLUMNS);
            while (reader.loadNextBatch()) {
                for (int i = 0; i < root.getRowCount(); i++) {
                    rows.add(new FrameTable.Row(((IntVector) root.getVector("video")).get(i),
                            ((IntVector) root.getVector("frame")).get(i),
                            new String(((VarCharVector) root.getVector("metric")).get(i)),
                            ((Float8Vector) root.getVector("value")).get(i),
                            new String(((VarCharVector) root.getVector("method")).get(i))));
                }
            }
        }
        assertThat(rows).containsExactlyElementsOf(table().rows());
    }
}
