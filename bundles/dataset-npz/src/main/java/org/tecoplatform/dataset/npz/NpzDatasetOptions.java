package org.tecoplatform.dataset.npz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.OptionSpec;
import org.tecoplatform.api.OptionType;
import org.tecoplatform.api.Settings;
import org.tecoplatform.data.files.BadFilePolicy;

/**
 * A dataset's options, read and checked from a whole config: its own section (named after
 * the dataset: {@code dmlab: {on_bad_file: skip}}) and the top-level {@code image_size}.
 *
 * @param episodeLength frames every file must hold; 0 accepts any length of at least one frame
 */
record NpzDatasetOptions(BadFilePolicy onBadFile, int episodeLength) {

    static final String ON_BAD_FILE = "on_bad_file";
    static final String EPISODE_LENGTH = "episode_length";

    static List<OptionSpec> specs(NpzDatasetSpec spec) {
        return List.of(
                OptionSpec.of(ON_BAD_FILE, OptionType.STRING, BadFilePolicy.FAIL.configValue(),
                        "a file that is not a valid episode: fail (stop, naming it) or skip (warn and leave it out)"),
                OptionSpec.of(EPISODE_LENGTH, OptionType.INTEGER, spec.episodeLength(),
                        "frames every episode file must hold; 0 accepts any length"));
    }

    static NpzDatasetOptions from(NpzDatasetSpec spec, Settings config) {
        if (config.has("image_size")) {
            int imageSize = config.getInt("image_size");
            if (imageSize != spec.size()) {
                throw new BadInputException("image_size: expected " + spec.size() + " for the " + spec.name() + " dataset (its frames are "
                        + spec.resolution() + "), found " + imageSize);
            }
        }
        Settings section = config.section(spec.name());
        String policy = section.getString(ON_BAD_FILE, BadFilePolicy.FAIL.configValue());
        BadFilePolicy onBadFile;
        try {
            onBadFile = BadFilePolicy.valueOf(policy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(spec.name() + "." + ON_BAD_FILE + ": expected fail or skip, found '" + policy + "'");
        }
        int length = section.getInt(EPISODE_LENGTH, spec.episodeLength());
        if (length < 0) {
            throw new BadInputException(spec.name() + "." + EPISODE_LENGTH + ": expected a frame count >= 1, or 0 for any length, found " + length);
        }
        return new NpzDatasetOptions(onBadFile, length);
    }

    /** The dataset folder ({@code data_path}), which must exist. */
    static Path root(NpzDatasetSpec spec, Settings config) {
        Path root = config.getPath("data_path");
        if (!Files.isDirectory(root)) {
            throw new BadInputException("data_path: expected the " + spec.name() + " dataset folder (holding train/ and test/), found "
                    + (Files.exists(root) ? "a file that is not a folder" : "nothing") + " at " + root);
        }
        return root;
    }
}
