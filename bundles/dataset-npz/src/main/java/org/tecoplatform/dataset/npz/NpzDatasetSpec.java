package org.tecoplatform.dataset.npz;

/**
 * What one npz dataset's episodes must look like (DESIGN.md §4): square RGB frames of
 * {@code size}, {@code episodeLength} frames, actions in {@code 0..actionDim} where
 * {@code actionDim} means "no action".
 */
public record NpzDatasetSpec(String name, int size, int episodeLength, int actionDim, String description) {

    public static final NpzDatasetSpec DMLAB = new NpzDatasetSpec("dmlab", 64, 300, 6,
            "DeepMind Lab navigation episodes from npz files (64x64, 300 frames, 6 actions)");
    public static final NpzDatasetSpec MINECRAFT = new NpzDatasetSpec("minecraft", 128, 300, 6,
            "Minecraft navigation episodes from npz files (128x128, 300 frames, 6 actions)");
    public static final NpzDatasetSpec HABITAT = new NpzDatasetSpec("habitat", 128, 300, 6,
            "Habitat indoor navigation episodes from npz files (128x128, 300 frames, 6 actions)");

    /** The frame shape as messages print it. */
    String resolution() {
        return size + "x" + size;
    }
}
