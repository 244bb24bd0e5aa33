package org.tecoplatform.data.samples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Video;
import org.tecoplatform.npz.NpyDtype;
import org.tecoplatform.npz.NpyHeader;
import org.tecoplatform.npz.NpzFormatException;
import org.tecoplatform.npz.NpzReader;

/**
 * Reads a samples folder: its {@code data_<i>.npz} files in numeric order ({@code data_2} before
 * {@code data_10}, as {@code compute_metrics.py} sorts them), each as pairs of real and generated
 * videos. Anything that is not the layout is a {@link BadInputException} naming the file, the
 * array, what was expected and what was found.
 */
public final class SamplesReader {

    /** The array of real videos in a samples file. */
    public static final String REAL = "real";
    /** The array of generated videos in a samples file. */
    public static final String FAKE = "fake";

    private static final Pattern FILE = Pattern.compile("data_(\\d+)\\.npz");

    /** The shape of one file's arrays: B videos of T frames H×W×C. */
    public record BatchShape(int videos, int frames, int height, int width, int channels) {
        /** Whether videos of the two batches can be scored together (all but the batch size agree). */
        public boolean sameVideoShape(BatchShape o) {
            return frames == o.frames && height == o.height && width == o.width && channels == o.channels;
        }

        @Override
        public String toString() {
            return "(" + videos + ", " + frames + ", " + height + ", " + width + ", " + channels + ")";
        }
    }

    private final Path folder;
    private final List<Path> files;

    private SamplesReader(Path folder, List<Path> files) {
        this.folder = folder;
        this.files = files;
    }

    /** Lists the folder's batch files; a missing folder or one without {@code data_<i>.npz} files is bad input. */
    public static SamplesReader open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException("samples folder " + folder + ": not a folder (expected samples[_action]_<ctx>/ "
                    + "with data_<i>.npz files)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> FILE.matcher(p.getFileName().toString()).matches()).filter(Files::isRegularFile)
                    .sorted(Comparator.comparingLong(SamplesReader::index)).toList();
        }
        if (files.isEmpty()) {
            throw new BadInputException("samples folder " + folder + ": no data_<i>.npz files (expected the layout of "
                    + "sample.py: data_0.npz, data_1.npz, ... with 'real' and 'fake' uint8 (B,T,H,W,3))");
        }
        return new SamplesReader(folder, files);
    }

    public Path folder() {
        return folder;
    }

    /** The batch files, in numeric order. */
    public List<Path> files() {
        return files;
    }

    /** The context length the folder's name gives ({@code samples_36} → 36), if it gives one. */
    public OptionalInt contextFromName() {
        return SamplesFolder.contextFrames(folder);
    }

    /** A file's batch shape, checked, from the array headers only (no pixels are read). */
    public BatchShape shape(Path file) throws IOException {
        try (NpzReader npz = NpzReader.open(file)) {
            return check(file, npz);
        } catch (NpzFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The number of videos in all files together (headers only). */
    public int videoCount() throws IOException {
        int n = 0;
        for (Path f : files) {
            n += shape(f).videos();
        }
        return n;
    }

    /** Every real/generated pair of one batch file, in batch order. */
    public List<VideoPair> read(Path file) throws IOException {
        try (NpzReader npz = NpzReader.open(file)) {
            BatchShape s = check(file, npz);
            byte[] real = npz.readUint8(REAL);
            byte[] fake = npz.readUint8(FAKE);
            int videoBytes = s.frames() * s.height() * s.width() * s.channels();
            List<VideoPair> pairs = new ArrayList<>(s.videos());
            for (int b = 0; b < s.videos(); b++) {
                int from = b * videoBytes;
                pairs.add(new VideoPair(video(s, Arrays.copyOfRange(real, from, from + videoBytes)),
                        video(s, Arrays.copyOfRange(fake, from, from + videoBytes))));
            }
            return pairs;
        } catch (NpzFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static Video video(BatchShape s, byte[] pixels) {
        return new Video(s.frames(), s.height(), s.width(), s.channels(), pixels);
    }

    private static BatchShape check(Path file, NpzReader npz) throws IOException {
        NpyHeader real = header(file, npz, REAL);
        NpyHeader fake = header(file, npz, FAKE);
        if (!Arrays.equals(real.shape(), fake.shape())) {
            throw new BadInputException("samples file " + file + ": 'fake' has shape " + fake.shapeText() + " but 'real' has "
                    + real.shapeText() + " (expected equal shapes)");
        }
        int[] d = real.shape();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 0) {
                throw new BadInputException("samples file " + file + ": 'real' has shape " + real.shapeText()
                        + " (expected (B,T,H,W,C) with no empty axis)");
            }
        }
        if (real.elementCount() / d[0] > Integer.MAX_VALUE - 8) {
            throw new BadInputException("samples file " + file + ": videos of shape " + real.shapeText()
                    + " are too large to hold one in memory");
        }
        return new BatchShape(d[0], d[1], d[2], d[3], d[4]);
    }

    private static NpyHeader header(Path file, NpzReader npz, String key) throws IOException {
        if (!npz.contains(key)) {
            throw new BadInputException("samples file " + file + ": no array '" + key + "' (expected 'real' and 'fake', "
                    + "uint8 (B,T,H,W,3)); it has " + (npz.keys().isEmpty() ? "no arrays"
                    : npz.keys().stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "))));
        }
        NpyHeader h = npz.header(key);
        if (h.dtype() != NpyDtype.UINT8) {
            throw new BadInputException("samples file " + file + ", array '" + key + "': dtype " + h.dtype().descr()
                    + ", expected |u1 (uint8)");
        }
        if (h.rank() != 5) {
            throw new BadInputException("samples file " + file + ", array '" + key + "': shape " + h.shapeText()
                    + " has rank " + h.rank() + ", expected 5 (B,T,H,W,3)");
        }
        return h;
    }

    private static long index(Path p) {
        Matcher m = FILE.matcher(p.getFileName().toString());
        m.matches();
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
