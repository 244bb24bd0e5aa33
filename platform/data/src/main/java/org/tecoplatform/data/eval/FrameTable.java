package org.tecoplatform.data.eval;

import org.tecoplatform.api.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Every per-frame score of an evaluation, one row per (video, frame, metric, method): columns
 * {@code video} (index over all files, in file and batch order), {@code frame} (index in the video:
 * the first scored frame is the context length), {@code metric}, {@code value} and {@code method}
 * ({@code model} for the
 * sampled videos, {@code copy_last_frame} for the baseline). Written as CSV and as an Arrow IPC
 * file (pandas and pyarrow read both).
 */
public final class FrameTable {

    /** The {@code method} of rows scoring the sampled videos. */
    public static final String MODEL = "model";
    /** The columns, in order. */
    public static final List<String> COLUMNS = List.of("video", "frame", "metric", "value", "method");

    /** One row. */
    public record Row(int video, int frame, String metric, double value, String method) {
    }

    private static final int ROWS_PER_BATCH = 1 << 16;

    private int size;
    private int[] videos = new int[256];
    private int[] frames = new int[256];
    private String[] metrics = new String[256];
    private double[] values = new double[256];
    private String[] methods = new String[256];

    /** Adds the scores of one video: {@code perFrame[i]} belongs to frame {@code firstFrame + i}. */
    void add(int video, int firstFrame, String metric, double[] perFrame, String method) {
        for (int i = 0; i < perFrame.length; i++) {
            add(new Row(video, firstFrame + i, metric, perFrame[i], method));
        }
    }

    void add(Row row) {
        if (size == videos.length) {
            int n = size * 2;
            videos = Arrays.copyOf(videos, n);
            frames = Arrays.copyOf(frames, n);
            metrics = Arrays.copyOf(metrics, n);
            values = Arrays.copyOf(values, n);
            methods = Arrays.copyOf(methods, n);
        }
        videos[size] = row.video();
        frames[size] = row.frame();
        metrics[size] = row.metric();
        values[size] = row.value();
        methods[size] = row.method();
        size++;
    }

    public int size() {
        return size;
    }

    public Row row(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
        return new Row(videos[i], frames[i], metrics[i], values[i], methods[i]);
    }

    public List<Row> rows() {
        List<Row> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(row(i));
        }
        return out;
    }

    /** Writes the table as a {@code .csv} or an Arrow IPC file ({@code .arrow}, {@code .feather}), by its name. */
    public void write(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) {
            writeCsv(file);
        } else if (name.endsWith(".arrow") || name.endsWith(".feather")) {
            writeArrow(file);
        } else {
            throw new IllegalArgumentException("table file " + file + ": expected a name ending in .csv or .arrow");
        }
    }

    /**
     * CSV with a header row; values as Java prints doubles, except non-finite ones as {@code inf},
     * {@code -inf}, {@code nan}, the spellings numpy and pandas read.
     */
    public void writeCsv(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeVia(file, tmp -> {
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(String.join(",", COLUMNS));
                out.write('\n');
                for (int i = 0; i < size; i++) {
                    out.write(videos[i] + "," + frames[i] + "," + csv(metrics[i]) + "," + number(values[i]) + ","
                            + csv(methods[i]) + "\n");
                }
            }
        });
    }

    /** An Arrow IPC file: video int32, frame int32, metric utf8, value float64, method utf8. */
    public void writeArrow(Path file) throws IOException {
        Schema schema = new Schema(List.of(
                Field.notNullable("video", new ArrowType.Int(32, true)),
                Field.notNullable("frame", new ArrowType.Int(32, true)),
                Field.notNullable("metric", ArrowType.Utf8.INSTANCE),
                Field.notNullable("value", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
                Field.notNullable("method", ArrowType.Utf8.INSTANCE)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeVia(file, tmp -> {
            try (BufferedAllocation a = new BufferedAllocation(schema);
                 FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 ArrowFileWriter writer = new ArrowFileWriter(a.root, new DictionaryProvider.MapDictionaryProvider(), ch)) {
                writer.start();
                for (int from = 0; from < size; from += ROWS_PER_BATCH) {
                    fill(a.root, from, Math.min(ROWS_PER_BATCH, size - from));
                    writer.writeBatch();
                }
                writer.end();
                ch.force(true);
            }
        });
    }

    private void fill(VectorSchemaRoot root, int from, int n) {
        root.clear();
        root.allocateNew();
        IntVector video = (IntVector) root.getVector("video");
        IntVector frame = (IntVector) root.getVector("frame");
        VarCharVector metric = (VarCharVector) root.getVector("metric");
        Float8Vector value = (Float8Vector) root.getVector("value");
        VarCharVector method = (VarCharVector) root.getVector("method");
        for (int r = 0; r < n; r++) {
            int i = from + r;
            video.setSafe(r, videos[i]);
            frame.setSafe(r, frames[i]);
            metric.setSafe(r, metrics[i].getBytes(StandardCharsets.UTF_8));
            value.setSafe(r, values[i]);
            method.setSafe(r, methods[i].getBytes(StandardCharsets.UTF_8));
        }
        root.setRowCount(n);
    }

    /** The allocator and the vectors of one write, closed together. */
    private static final class BufferedAllocation implements AutoCloseable {
        final BufferAllocator allocator = new RootAllocator();
        final VectorSchemaRoot root;

        BufferedAllocation(Schema schema) {
            root = VectorSchemaRoot.create(schema, allocator);
        }

        @Override
        public void close() {
            root.close();
            allocator.close();
        }
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    /** Metric and method names are plain words; quote anything else as RFC 4180 says. */
    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
