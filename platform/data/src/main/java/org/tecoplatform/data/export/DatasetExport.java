package org.tecoplatform.data.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.npz.NpyArray;
import org.tecoplatform.npz.NpzReader;
import org.tecoplatform.npz.NpzWriter;

/**
 * Reads every episode of a dataset (so bad files show up before training) and, when asked,
 * writes each as {@code <out>/<split>/<dataset>/<id>.npz} with
 * {@code video} uint8 (T,H,W,3) and {@code actions} int32 (T,), as the original DMLab files.
 * Counts what it reads for the summary.
 */
public final class DatasetExport {

    private final DatasetReader reader;
    private final Settings config;
    private final String name;
    private final boolean export;
    private final boolean compressed;
    private final DatasetInfo info;
    private final Map<Split, DatasetSummary.SplitSummary> counted = new EnumMap<>(Split.class);
    private final Map<Split, List<EpisodeRef>> listed = new EnumMap<>(Split.class);

    public DatasetExport(DatasetReader reader, Settings config, String name, boolean export, boolean compressed) {
        this.reader = reader;
        this.config = config;
        this.name = name;
        this.export = export;
        this.compressed = compressed;
        this.info = reader.describe(config);
    }

    /** The split's episodes (listed once, then remembered). */
    public List<EpisodeRef> episodes(Split split) {
        return listed.computeIfAbsent(split, s -> reader.episodes(config, s));
    }

    /** Reads (and exports) every episode of a split; {@code done} hears of each finished one. */
    public void write(Split split, Path out, LongConsumer done) throws IOException {
        Path folder = out.resolve(split.folder()).resolve(safe(name));
        if (export) {
            Files.createDirectories(folder);
        }
        long[] histogram = new long[info.actionDim() + 1];
        long frames = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        List<EpisodeRef> refs = episodes(split);
        for (EpisodeRef ref : refs) {
            Path file = folder.resolve(safe(ref.id()) + ".npz");
            int[] actions;
            int length;
            if (export && Files.isRegularFile(file)) {
                // Written atomically earlier: a present file is complete.
                try (NpzReader r = NpzReader.open(file)) {
                    actions = r.read("actions").toInts();
                }
                length = actions.length;
            } else {
                Episode e = reader.read(config, ref, FrameWindow.ALL);
                check(ref, e);
                actions = e.actions();
                length = e.frames();
                if (export) {
                    Map<String, NpyArray> arrays = new LinkedHashMap<>();
                    var v = e.video();
                    arrays.put("video", NpyArray.uint8(new int[] {v.frames(), v.height(), v.width(), v.channels()}, v.pixels()));
                    arrays.put("actions", NpyArray.int32(new int[] {actions.length}, actions));
                    NpzWriter.write(file, arrays, compressed);
                }
            }
            for (int a : actions) {
                histogram[a >= 0 && a < info.actionDim() ? a : info.actionDim()]++;
            }
            frames += length;
            min = Math.min(min, length);
            max = Math.max(max, length);
            done.accept(1);
        }
        counted.put(split, new DatasetSummary.SplitSummary(refs.size(), frames, refs.isEmpty() ? 0 : min, max, histogram,
                reader.problems(config, split)));
    }

    /** The figures of the splits written so far. */
    public DatasetSummary summary() {
        Map<String, DatasetSummary.SplitSummary> splits = new LinkedHashMap<>();
        counted.forEach((s, c) -> splits.put(s.folder(), c));
        return new DatasetSummary(name, info.height(), info.width(), info.channels(), info.actionDim(), splits);
    }

    private void check(EpisodeRef ref, Episode e) {
        var v = e.video();
        if (v.height() != info.height() || v.width() != info.width() || v.channels() != info.channels()) {
            throw new BadInputException("dataset " + name + ", episode " + ref.id() + " (" + ref.location() + "): frames are "
                    + v.height() + "x" + v.width() + "x" + v.channels() + ", the dataset says "
                    + info.height() + "x" + info.width() + "x" + info.channels());
        }
    }

    /** Episode ids become file names: keep them portable. */
    static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
