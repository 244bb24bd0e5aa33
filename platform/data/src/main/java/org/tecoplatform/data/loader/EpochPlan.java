package org.tecoplatform.data.loader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.EpisodeRef;

/**
 * Which episodes go into batch k: epoch {@code k / batchesPerEpoch}, positions
 * {@code [b·B, b·B + size)} of that epoch's (seeded) order. A pure function of the options, so
 * any worker can build any batch.
 */
final class EpochPlan {

    private static final Logger LOG = LoggerFactory.getLogger(EpochPlan.class);
    /** Permutations kept; workers run at most queueCapacity batches ahead, rarely more than an epoch. */
    private static final int CACHED_EPOCHS = 4;

    /** The part of one epoch's order a batch covers. */
    record Slice(long batch, long epoch, int first, int count) {
    }

    private final List<EpisodeRef> refs;
    private final LoaderOptions options;
    private final int batchesPerEpoch;
    private final long totalBatches;
    private final Map<Long, int[]> orders = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, int[]> eldest) {
            return size() > CACHED_EPOCHS;
        }
    };

    private EpochPlan(List<EpisodeRef> refs, LoaderOptions options) {
        this.refs = refs;
        this.options = options;
        int n = refs.size();
        int b = options.batchSize();
        this.batchesPerEpoch = options.dropLast() ? n / b : (n + b - 1) / b;
        if (batchesPerEpoch == 0) {
            this.totalBatches = 0;
        } else if (options.epochs() == LoaderOptions.INFINITE) {
            this.totalBatches = Long.MAX_VALUE;
        } else {
            this.totalBatches = (long) batchesPerEpoch * options.epochs();
        }
    }

    /**
     * A plan over {@code all}: episodes whose reference already says they are shorter than
     * {@code seqLen} fail here (so a bad dataset stops before any work) or are left out.
     */
    static EpochPlan of(List<EpisodeRef> all, LoaderOptions options, String what) {
        List<EpisodeRef> usable = new ArrayList<>(all.size());
        List<String> skipped = new ArrayList<>();
        for (EpisodeRef ref : all) {
            if (ref.frames() >= 0 && ref.frames() < options.minFrames()) {
                if (options.shortEpisodes() == ShortEpisodePolicy.FAIL) {
                    throw ShortEpisodes.tooShort(ref.id(), ref.location(), ref.frames(), options.minFrames());
                }
                skipped.add(ref.id());
            } else {
                usable.add(ref);
            }
        }
        if (!skipped.isEmpty()) {
            LOG.warn("{}: skipping {} of {} episodes shorter than {} frames (first: {})", what, skipped.size(), all.size(),
                    options.minFrames(), skipped.subList(0, Math.min(5, skipped.size())));
        }
        EpochPlan plan = new EpochPlan(List.copyOf(usable), options);
        if (plan.batchesPerEpoch == 0) {
            LOG.warn("{}: {} usable episodes make no batch of {}{}", what, usable.size(), options.batchSize(),
                    options.dropLast() ? " (drop_last)" : "");
        }
        return plan;
    }

    int episodes() {
        return refs.size();
    }

    int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** Batches the loader will produce, {@link Long#MAX_VALUE} when endless. */
    long totalBatches() {
        return totalBatches;
    }

    Slice slice(long batch) {
        if (batch < 0 || batch >= totalBatches) {
            throw new IndexOutOfBoundsException("batch " + batch + " of " + totalBatches);
        }
        long epoch = batch / batchesPerEpoch;
        int first = (int) (batch % batchesPerEpoch) * options.batchSize();
        return new Slice(batch, epoch, first, Math.min(options.batchSize(), refs.size() - first));
    }

    /** The episode at {@code position} of {@code epoch}'s order. */
    EpisodeRef at(long epoch, int position) {
        if (!options.shuffle()) {
            return refs.get(position);
        }
        return refs.get(order(epoch)[position]);
    }

    private int[] order(long epoch) {
        synchronized (orders) {
            int[] order = orders.get(epoch);
            if (order == null) {
                // Recomputing an evicted epoch gives the same order: it depends on (seed, epoch) only.
                order = SampleRandom.permutation(options.seed(), epoch, refs.size());
                orders.put(epoch, order);
            }
            return order;
        }
    }
}
