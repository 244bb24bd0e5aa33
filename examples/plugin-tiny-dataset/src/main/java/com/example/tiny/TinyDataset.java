package com.example.tiny;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetInfo;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Episode;
import org.tecoplatform.api.EpisodeRef;
import org.tecoplatform.api.FrameWindow;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;
import org.tecoplatform.api.Video;

/**
 * A minimal dataset plugin: episodes of solid-colour frames whose brightness is the frame
 * index. Selected in a config with {@code pipeline.dataset: tiny}; options under {@code tiny:}.
 */
@Component(service = DatasetReader.class, property = "teco.name=tiny")
public final class TinyDataset implements DatasetReader {

    @Override
    public String description() {
        return "solid-colour test episodes";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(
                OptionSpec.of("episodes", OptionType.INTEGER, 3, "episodes per split"),
                OptionSpec.of("length", OptionType.INTEGER, 4, "frames per episode"),
                OptionSpec.of("size", OptionType.INTEGER, 8, "frame height and width"));
    }

    @Override
    public DatasetInfo describe(Settings config) {
        Settings o = config.section("tiny");
        int n = o.getInt("episodes");
        return new DatasetInfo("tiny", o.getInt("size"), o.getInt("size"), 3, o.getInt("length"), 2,
                Map.of(Split.TRAIN, n, Split.TEST, n));
    }

    @Override
    public List<EpisodeRef> episodes(Settings config, Split split) {
        Settings o = config.section("tiny");
        if (o.getInt("episodes") < 0) {
            throw new BadInputException("tiny.episodes must be >= 0, got " + o.getInt("episodes"));
        }
        List<EpisodeRef> refs = new ArrayList<>();
        for (int i = 0; i < o.getInt("episodes"); i++) {
            refs.add(new EpisodeRef(split.folder() + "-" + i, split, "tiny:" + i, o.getInt("length")));
        }
        return refs;
    }

    @Override
    public Episode read(Settings config, EpisodeRef ref, FrameWindow window) {
        Settings o = config.section("tiny");
        int size = o.getInt("size");
        int length = o.getInt("length");
        int start = window.start();
        int count = window.isAll() ? length : window.length();
        byte[] pixels = new byte[count * size * size * 3];
        int[] actions = new int[count];
        for (int t = 0; t < count; t++) {
            java.util.Arrays.fill(pixels, t * size * size * 3, (t + 1) * size * size * 3, (byte) (start + t));
            actions[t] = (start + t) % 2;
        }
        return new Episode(ref.id(), new Video(count, size, size, 3, pixels), actions);
    }
}
