package org.tecoplatform.dataset.npz;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;
import org.tecoplatform.data.files.BadFilePolicy;
import org.tecoplatform.npz.NpzReader;

/**
 * Reads one npz episode dataset (DMLab, Minecraft or Habitat: they differ only in their
 * {@link NpzDatasetSpec}). Stateless: everything comes from the config it is called with.
 */
public final class NpzEpisodeReader {

    private static final Logger LOG = LoggerFactory.getLogger(NpzEpisodeReader.class);

    private final NpzDatasetSpec spec;

    public NpzEpisodeReader(NpzDatasetSpec spec) {
        this.spec = spec;
    }

    public NpzDatasetSpec spec() {
        return spec;
    }

    public List<OptionSpec> options() {
        return NpzDatasetOptions.specs(spec);
    }

    /** Shape and action space, and the npz files each split holds (counted, not opened). */
    public DatasetInfo describe(Settings config) {
        NpzDatasetOptions options = NpzDatasetOptions.from(spec, config);
        Path root = NpzDatasetOptions.root(spec, config);
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            counts.put(split, EpisodeFiles.list(root, split).size());
        }
        int length = options.episodeLength() == 0 ? -1 : options.episodeLength();
        return new DatasetInfo(spec.name(), spec.size(), spec.size(), 3, length, spec.actionDim(), counts);
    }

    /**
     * The split's episodes in path order, each file checked (headers and actions, no pixels).
     * A bad file fails the call, or with {@code on_bad_file: skip} is logged and left out.
     */
    public List<EpisodeRef> episodes(Settings config, Split split) {
        NpzDatasetOptions options = NpzDatasetOptions.from(spec, config);
        Path root = NpzDatasetOptions.root(spec, config);
        List<Path> files = EpisodeFiles.list(root, split);
        if (files.isEmpty()) {
            throw emptySplit(root, split);
        }
        List<EpisodeRef> refs = new ArrayList<>(files.size());
        String firstProblem = null;
        for (Path file : files) {
            try {
                EpisodeCheck.Checked checked = EpisodeCheck.check(file, spec, options);
                refs.add(new EpisodeRef(EpisodeFiles.id(root, split, file), split, file.toAbsolutePath().toString(), checked.frames()));
            } catch (BadInputException e) {
                if (options.onBadFile() == BadFilePolicy.FAIL) {
                    throw e;
                }
                LOG.warn("skipping a bad file ({}.on_bad_file: skip): {}", spec.name(), e.getMessage());
                firstProblem = firstProblem == null ? e.getMessage() : firstProblem;
            }
        }
        int skipped = files.size() - refs.size();
        if (refs.isEmpty()) {
            throw new BadInputException(spec.name() + " " + split.folder() + " split: expected at least one valid episode, found "
                    + files.size() + " bad files under " + EpisodeFiles.splitFolder(root, split) + "; the first: " + firstProblem);
        }
        if (skipped > 0) {
            LOG.warn("{} {} split: left out {} of {} files as bad ({}.on_bad_file: skip)", spec.name(), split.folder(), skipped,
                    files.size(), spec.name());
        }
        return List.copyOf(refs);
    }

    /** The files of a split that {@link #episodes} leaves out as bad, each "file: what is wrong". */
    public List<String> problems(Settings config, Split split) {
        NpzDatasetOptions options = NpzDatasetOptions.from(spec, config);
        Path root = NpzDatasetOptions.root(spec, config);
        List<String> problems = new ArrayList<>();
        for (Path file : EpisodeFiles.list(root, split)) {
            try {
                EpisodeCheck.check(file, spec, options);
            } catch (BadInputException e) {
                problems.add(e.getMessage());
            }
        }
        return List.copyOf(problems);
    }

    /** The episode's frames in the window (all of them for {@link FrameWindow#ALL}) and their actions, as numpy stores them. */
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        NpzDatasetOptions options = NpzDatasetOptions.from(spec, config);
        Path file = Path.of(ref.location());
        try (NpzReader npz = NpzReader.open(file)) {
            EpisodeCheck.Checked checked = EpisodeCheck.check(npz, spec, options);
            int frames = checked.frames();
            int start = window.start();
            long count = window.isAll() ? frames - start : window.length();
            if (start > frames || count < 0 || start + count > frames) {
                throw new BadInputException(spec.name() + " episode " + ref.id() + " (" + file + "): expected a window inside its "
                        + frames + " frames, got [" + start + ", " + (start + Math.max(count, 0)) + ")");
            }
            int n = (int) count;
            // A whole read also verifies the member's CRC; a window reads only up to its last frame.
            byte[] pixels = n == frames ? npz.readUint8(EpisodeCheck.VIDEO) : npz.readUint8Rows(EpisodeCheck.VIDEO, start, n);
            Video clip = new Video(n, spec.size(), spec.size(), 3, pixels);
            return new Episode(ref.id(), clip, Arrays.copyOfRange(checked.actions(), start, start + n));
        } catch (IOException e) {
            throw EpisodeCheck.unreadable(spec, file, e);
        }
    }


    BadInputException emptySplit(Path root, Split split) {
        Path dir = EpisodeFiles.splitFolder(root, split);
        return new BadInputException(spec.name() + " " + split.folder() + " split: expected .npz episode files in " + dir
                + " or its subfolders, found " + (dir.toFile().isDirectory() ? "none" : "no such folder"));
    }
}
