package org.tecoplatform.data.loader;

import java.util.Objects;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.Settings;

/**
 * How a {@link DataLoader} reads a split. Start from {@link #training} or {@link #tokenizing} and
 * change single fields with the {@code with...} methods.
 *
 * @param batchSize     samples per batch (the last batch of an epoch may be smaller unless {@code dropLast})
 * @param seqLen        frames per sample for {@link WindowPolicy#RANDOM}; for {@link WindowPolicy#FULL}
 *                      the fewest frames an episode may have (0: any)
 * @param seed          the only source of randomness: shuffling and window starts derive from it
 * @param workers       decoding threads
 * @param queueCapacity batches that may exist at once, being built or waiting for the consumer;
 *                      memory is bounded by this many batches
 * @param shuffle       a fresh seeded permutation of the episodes every epoch
 * @param dropLast      leave out an epoch's last batch when it is not full
 * @param epochs        passes over the split, or {@link #INFINITE}
 * @param windowPolicy  random windows (training) or whole episodes (tokenizing)
 * @param shortEpisodes what to do with episodes shorter than {@code seqLen}
 * @param pixelFormat   float, uint8 or both in each batch
 */
public record LoaderOptions(int batchSize, int seqLen, long seed, int workers, int queueCapacity, boolean shuffle,
                            boolean dropLast, int epochs, WindowPolicy windowPolicy, ShortEpisodePolicy shortEpisodes,
                            PixelFormat pixelFormat) {

    /** {@link #epochs} value for a loader that never runs out. */
    public static final int INFINITE = -1;

    public LoaderOptions {
        Objects.requireNonNull(windowPolicy, "windowPolicy");
        Objects.requireNonNull(shortEpisodes, "shortEpisodes");
        Objects.requireNonNull(pixelFormat, "pixelFormat");
        atLeast("batchSize", batchSize, 1);
        atLeast("seqLen", seqLen, windowPolicy == WindowPolicy.RANDOM ? 1 : 0);
        atLeast("workers", workers, 1);
        atLeast("queueCapacity", queueCapacity, 1);
        if (epochs != INFINITE) {
            atLeast("epochs", epochs, 1);
        }
    }

    /**
     * Training: shuffled, random windows of {@code seqLen} frames, full batches only, float
     * pixels, endless; one worker per available processor.
     */
    public static LoaderOptions training(int batchSize, int seqLen, long seed) {
        int workers = Runtime.getRuntime().availableProcessors();
        return new LoaderOptions(batchSize, seqLen, seed, workers, defaultCapacity(workers), true, true, INFINITE,
                WindowPolicy.RANDOM, ShortEpisodePolicy.FAIL, PixelFormat.FLOAT);
    }

    /** Tokenizing: every episode once, whole, in dataset order, uint8 pixels. */
    public static LoaderOptions tokenizing(int batchSize) {
        int workers = Runtime.getRuntime().availableProcessors();
        return new LoaderOptions(batchSize, 0, 0, workers, defaultCapacity(workers), false, false, 1,
                WindowPolicy.FULL, ShortEpisodePolicy.FAIL, PixelFormat.UINT8);
    }

    /** {@link #training} with the config's {@code batch_size}, {@code seq_len} and {@code seed} (default 0). */
    public static LoaderOptions fromConfig(Settings config) {
        return training(config.getInt("batch_size"), config.getInt("seq_len"), config.has("seed") ? config.getLong("seed") : 0L);
    }

    /** Twice the workers, so each can have one batch waiting while it builds the next. */
    static int defaultCapacity(int workers) {
        return Math.max(2, 2 * workers);
    }

    /** The fewest frames a usable episode has: {@code seqLen}, and at least one. */
    int minFrames() {
        return Math.max(seqLen, 1);
    }

    public LoaderOptions withBatchSize(int value) {
        return new LoaderOptions(value, seqLen, seed, workers, queueCapacity, shuffle, dropLast, epochs, windowPolicy, shortEpisodes, pixelFormat);
    }

    public LoaderOptions withSeqLen(int value) {
        return new LoaderOptions(batchSize, value, seed, workers, queueCapacity, shuffle, dropLast, epochs, windowPolicy, shortEpisodes, pixelFormat);
    }

    public LoaderOptions withSeed(long value) {
        return new LoaderOptions(batchSize, seqLen, value, workers, queueCapacity, shuffle, dropLast, epochs, windowPolicy, shortEpisodes, pixelFormat);
    }

    /** Also sets the queue capacity to its default for that many workers. */
    public LoaderOptions withWorkers(int value) {
        return new LoaderOptions(batchSize, seqLen, seed, value, defaultCapacity(value), shuffle, dropLast, epochs, windowPolicy, shortEpisodes, pixelFormat);
    }

    public LoaderOptions withQueueCapacity(int value) {
        return new LoaderOptions(batchSize, seqLen, seed, workers, value, shuffle, dropLast, epochs, windowPolicy, shortEpisodes, pixelFormat);
    }

    public LoaderOptions withShuffle(boolean value) {
        return new LoaderOptions(batchSize, seqLen, seed, workers, queueCapacity, value, dropLast, epochs, windowPolicy, shortEpisodes, pixelFormat);
    }

    public LoaderOptions withDropLast(boolean value) {
        return new LoaderOptions(batchSize, seqLen, seed, workers, queueCapacity, shuffle, value, epochs, windowPolicy, shortEpisodes, pixelFormat);
    }

    public LoaderOptions withEpochs(int value) {
        return new LoaderOptions(batchSize, seqLen, seed, workers, queueCapacity, shuffle, dropLast, value, windowPolicy, shortEpisodes, pixelFormat);
    }

    public LoaderOptions withWindowPolicy(WindowPolicy value) {
        return new LoaderOptions(batchSize, seqLen, seed, workers, queueCapacity, shuffle, dropLast, epochs, value, shortEpisodes, pixelFormat);
    }

    public LoaderOptions withShortEpisodes(ShortEpisodePolicy value) {
        return new LoaderOptions(batchSize, seqLen, seed, workers, queueCapacity, shuffle, dropLast, epochs, windowPolicy, value, pixelFormat);
    }

    public LoaderOptions withPixelFormat(PixelFormat value) {
        return new LoaderOptions(batchSize, seqLen, seed, workers, queueCapacity, shuffle, dropLast, epochs, windowPolicy, shortEpisodes, value);
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new BadInputException("data loader option " + name + " must be at least " + min + ", got " + value);
        }
    }
}
