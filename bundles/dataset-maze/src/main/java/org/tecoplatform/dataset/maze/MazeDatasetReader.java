package org.tecoplatform.dataset.maze;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/**
 * The embedded default dataset: first-person views of random grid mazes, rendered on demand
 * from seeds, so nothing is downloaded or stored. Episodes have DMLab's shape (size x size
 * RGB frames, 6 actions plus "no action"). An episode's location is
 * {@code maze:<seed>:<split>:<index>}; everything else that shapes it (size, grid, loops)
 * comes from the config it is read with.
 */
@Component(service = DatasetReader.class, property = "teco.name=maze")
public final class MazeDatasetReader implements DatasetReader {

    static final String NAME = "maze";

    @Override
    public String description() {
        return "procedural first-person mazes (raycast, DMLab's actions), rendered on the fly: no download";
    }

    @Override
    public List<OptionSpec> options() {
        return MazeOptions.specs();
    }

    @Override
    public DatasetInfo describe(Settings config) {
        MazeOptions o = MazeOptions.from(config);
        return new DatasetInfo(NAME, o.size(), o.size(), 3, o.episodeLength(), RandomWalkAgent.ACTION_DIM,
                Map.of(Split.TRAIN, o.trainEpisodes(), Split.TEST, o.testEpisodes()));
    }

    @Override
    public List<EpisodeRef> episodes(Settings config, Split split) {
        MazeOptions o = MazeOptions.from(config);
        int n = o.episodes(split);
        List<EpisodeRef> refs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            refs.add(new EpisodeRef(id(split, i), split, location(o.seed(), split, i), o.episodeLength()));
        }
        return List.copyOf(refs);
    }

    @Override
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        MazeOptions o = MazeOptions.from(config);
        Located at = parse(ref);
        int length = o.episodeLength();
        int start = window.start();
        int count = window.isAll() ? length - start : window.length();
        if (start > length || count < 0 || (long) start + count > length) {
            throw new BadInputException("episode " + ref.id() + ": expected a window inside its " + length + " frames, got ["
                    + start + ", " + ((long) start + Math.max(count, 0)) + ")");
        }
        long episodeSeed = MazeEpisodeRenderer.episodeSeed(at.seed, at.split, at.index);
        return new MazeEpisodeRenderer(o.size(), o.grid(), o.loops(), o.revisitLeg()).render(ref.id(), episodeSeed, start, count);
    }

    static String id(Split split, int index) {
        return String.format(Locale.ROOT, "%s-%05d", split.folder(), index);
    }

    static String location(long seed, Split split, int index) {
        return NAME + ":" + seed + ":" + split.folder() + ":" + index;
    }

    private record Located(long seed, Split split, int index) {
    }

    /** Reads back a location written by {@link #location}; anything else is refused with the form expected. */
    private static Located parse(EpisodeRef ref) {
        String loc = ref.location();
        String[] parts = loc.split(":", -1);
        String expected = "a location " + NAME + ":<seed>:<train|test>:<index>";
        if (parts.length != 4 || !parts[0].equals(NAME)) {
            throw new BadInputException("episode " + ref.id() + ": expected " + expected + ", got '" + loc + "'");
        }
        try {
            long seed = Long.parseLong(parts[1]);
            Split split = Split.valueOf(parts[2].toUpperCase(Locale.ROOT));
            int index = Integer.parseInt(parts[3]);
            if (index < 0 || !parts[2].equals(split.folder())) {
                throw new IllegalArgumentException(loc);
            }
            if (split != ref.split()) {
                throw new BadInputException("episode " + ref.id() + ": expected its location to be in split "
                        + ref.split().folder() + ", got '" + loc + "'");
            }
            return new Located(seed, split, index);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("episode " + ref.id() + ": expected " + expected + ", got '" + loc + "'", e);
        }
    }
}
