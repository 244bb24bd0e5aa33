package org.tecoplatform.dataset.kinetics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.data.files.BadFilePolicy;

/**
 * Kinetics-600 as TECO uses it: {@code <data_path>/{train,test}/<class>/*.mp4}, each video
 * decoded with FFmpeg, scaled so its shorter side is {@code image_size} and centre-cropped to
 * {@code image_size²} RGB. The loader picks the {@code seq_len} windows itself from each
 * {@link EpisodeRef#frames()}, which comes from the mp4 header (exact, edit lists included;
 * -1 for the rare files whose header cannot tell, e.g. fragmented mp4s, or with
 * {@code probe_videos: false}).
 *
 * <p>Actions: Kinetics has none and TECO trains it unconditioned ({@code use_actions: false}), so
 * every frame gets "no action", which is {@code action_dim} (0 when the config has none). A video
 * may carry real actions in a sidecar {@code <stem>.npz} ({@link ActionSidecar}).
 *
 * <p>Stateless and safe to call from several threads: each call opens its own FFmpeg contexts.
 */
@Component(service = DatasetReader.class, property = "teco.name=kinetics")
public final class KineticsDatasetReader implements DatasetReader {

    private static final Logger LOG = LoggerFactory.getLogger(KineticsDatasetReader.class);
    private static final String NAME = KineticsOptions.NAME;

    @Override
    public String description() {
        return "Kinetics-style mp4 videos (train|test/<class>/*.mp4) decoded with FFmpeg, resized and centre-cropped to image_size";
    }

    @Override
    public List<OptionSpec> options() {
        return KineticsOptions.specs();
    }

    /** Frame size and action space, and the videos each split holds (counted, not opened). */
    @Override
    public DatasetInfo describe(Settings config) {
        KineticsOptions options = KineticsOptions.from(config);
        Path root = KineticsOptions.root(config);
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            counts.put(split, VideoFiles.list(root, split).size());
        }
        return new DatasetInfo(NAME, options.imageSize(), options.imageSize(), 3, -1, options.actionDim(), counts);
    }

    /**
     * The split's videos in path order. With {@code probe_videos} (the default) each header and
     * sidecar is checked and gives the frame count; a bad file fails the call, or with
     * {@code on_bad_file: skip} is logged and left out.
     */
    @Override
    public List<EpisodeRef> episodes(Settings config, Split split) {
        KineticsOptions options = KineticsOptions.from(config);
        Path root = KineticsOptions.root(config);
        List<Path> files = VideoFiles.list(root, split);
        if (files.isEmpty()) {
            Path dir = VideoFiles.splitFolder(root, split);
            throw new BadInputException(NAME + " " + split.folder() + " split: expected .mp4 videos in " + dir + "/<class>/, found "
                    + (Files.isDirectory(dir) ? "none" : "no such folder"));
        }
        List<EpisodeRef> refs = new ArrayList<>(files.size());
        String firstProblem = null;
        for (Path file : files) {
            try {
                int frames = options.probeVideos() ? probe(file, options) : -1;
                refs.add(new EpisodeRef(VideoFiles.id(root, split, file), split, file.toAbsolutePath().toString(), frames));
            } catch (BadInputException e) {
                if (options.onBadFile() == BadFilePolicy.FAIL) {
                    throw e;
                }
                LOG.warn("skipping a bad video ({}.on_bad_file: skip): {}", NAME, e.getMessage());
                firstProblem = firstProblem == null ? e.getMessage() : firstProblem;
            }
        }
        int skipped = files.size() - refs.size();
        if (refs.isEmpty()) {
            throw new BadInputException(NAME + " " + split.folder() + " split: expected at least one valid video, found " + files.size()
                    + " bad files under " + VideoFiles.splitFolder(root, split) + "; the first: " + firstProblem);
        }
        if (skipped > 0) {
            LOG.warn("{} {} split: left out {} of {} videos as bad ({}.on_bad_file: skip)", NAME, split.folder(), skipped, files.size(), NAME);
        }
        return List.copyOf(refs);
    }

    /** The videos of a split that {@link #episodes} leaves out as bad (headers and sidecars checked, probing or not), each "file: what is wrong". */
    @Override
    public List<String> problems(Settings config, Split split) {
        KineticsOptions options = KineticsOptions.from(config);
        Path root = KineticsOptions.root(config);
        List<String> problems = new ArrayList<>();
        for (Path file : VideoFiles.list(root, split)) {
            try {
                probe(file, options);
            } catch (BadInputException e) {
                problems.add(e.getMessage());
            }
        }
        return List.copyOf(problems);
    }

    /** The episode's frames in the window (from its start to the end for {@link FrameWindow#isAll()}) and their actions. */
    @Override
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        KineticsOptions options = KineticsOptions.from(config);
        Path file = Path.of(ref.location());
        if (!Files.isRegularFile(file)) {
            throw BadVideo.video(file, "expected the video of episode " + ref.id() + ", found " + (Files.exists(file) ? "no regular file" : "nothing"));
        }
        int start = window.start();
        int count = window.isAll() ? -1 : window.length();
        int[] actions = ActionSidecar.read(file, options.actionDim(), options.maxFrames());
        ClipReader.Clip clip = ClipReader.read(file, options, start, count);
        int n = clip.video().frames();
        if (window.isAll()) {
            VideoChecks.decoded(file, clip.fileFrames(), clip.header(), options);
            if (start > clip.fileFrames()) {
                throw outsideWindow(ref, file, clip.fileFrames(), start, 0);
            }
            if (actions != null) {
                ActionSidecar.checkLength(file, actions, clip.fileFrames());
            }
        } else {
            if (n < count) {
                throw outsideWindow(ref, file, clip.fileFrames(), start, count);
            }
            if (actions != null) {
                checkWindowActions(file, actions, clip.header().frames(), start + count);
            }
        }
        int[] frameActions = actions == null ? noActions(n, options.actionDim()) : Arrays.copyOfRange(actions, start, start + n);
        return new Episode(ref.id(), clip.video(), frameActions);
    }

    /** Header and sidecar checks of one video; its frame count, -1 when the header cannot tell. */
    private static int probe(Path file, KineticsOptions options) {
        VideoHeader header;
        try (Mp4Input input = Mp4Input.open(file)) {
            header = input.header();
        }
        VideoChecks.header(file, header, options);
        int[] actions = ActionSidecar.read(file, options.actionDim(), options.maxFrames());
        if (actions != null && header.frames() >= 0) {
            ActionSidecar.checkLength(file, actions, header.frames());
        }
        return header.frames();
    }

    /** A window's actions: the whole sidecar must match the header's count, or at least cover the window when the count is unknown. */
    private static void checkWindowActions(Path file, int[] actions, int headerFrames, int end) {
        if (headerFrames >= 0) {
            ActionSidecar.checkLength(file, actions, headerFrames);
        } else if (actions.length < end) {
            throw BadVideo.actions(VideoFiles.sidecar(file), "'actions' has " + actions.length + " entries: expected one per frame of "
                    + file.getFileName() + ", which has at least " + end + " frames");
        }
    }

    private static BadInputException outsideWindow(EpisodeRef ref, Path file, int frames, int start, int count) {
        return new BadInputException(NAME + " episode " + ref.id() + " (" + file + "): expected a window inside its " + frames
                + " frames, got [" + start + ", " + ((long) start + count) + ")");
    }

    private static int[] noActions(int frames, int actionDim) {
        int[] actions = new int[frames];
        Arrays.fill(actions, actionDim);
        return actions;
    }
}
