package org.tecoplatform.data.loader;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tecoplatform.api.BadInputException;
import org.tecoplatform.api.DatasetReader;
import org.tecoplatform.api.Settings;
import org.tecoplatform.api.Split;

/**
 * Batches of one split, decoded on background threads and delivered in a fixed order.
 *
 * <p>Batch k always holds the same samples for the same options and seed: the epoch order and
 * each sample's window come from (seed, epoch, position) alone, and results are put back in
 * batch order, so the number of workers changes only the speed. At most
 * {@link LoaderOptions#queueCapacity()} batches exist at once. A worker's exception is thrown by
 * the next {@link #hasNext()}/{@link #next()}: a {@link BadInputException} as a
 * {@code BadInputException} (the CLI exits 2), anything else as a {@link LoaderException}, each
 * with the worker's exception as the cause. {@link #close()} interrupts and joins the workers.
 *
 * <p>One consumer thread; {@link #hasNext()} may wait for the next batch to be built.
 */
public final class DataLoader implements Iterator<Batch>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataLoader.class);
    private static final AtomicInteger LOADERS = new AtomicInteger();
    private static final long JOIN_MILLIS = 10_000;

    private final Split split;
    private final LoaderOptions options;
    private final EpochPlan plan;
    private final OrderedSlots slots;
    private final ArrayPool pool;
    private final List<Thread> workers = new ArrayList<>();
    private final String threadPrefix;
    private long nextIndex;
    private Batch pending;
    private volatile boolean closed;

    private DataLoader(DatasetReader reader, Settings config, Split split, LoaderOptions options) {
        this.split = split;
        this.options = options;
        this.plan = EpochPlan.of(reader.episodes(config, split), options, "data loader (" + split.folder() + ")");
        this.slots = new OrderedSlots(options.queueCapacity(), plan.totalBatches());
        this.pool = new ArrayPool(options.queueCapacity());
        this.threadPrefix = "teco-loader-" + LOADERS.incrementAndGet() + "-" + split.folder() + "-";
        BatchAssembler assembler = new BatchAssembler(reader, config, plan, options, pool);
        for (int i = 0; i < options.workers(); i++) {
            Thread t = new Thread(() -> work(assembler), threadPrefix + i);
            // Daemon: a loader that is never closed must not keep the JVM alive.
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
    }

    /**
     * Starts loading {@code split} of {@code reader}'s dataset. Episodes whose reference already
     * tells they are too short fail here (or are skipped, as the options say).
     */
    public static DataLoader open(DatasetReader reader, Settings config, Split split, LoaderOptions options) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(options, "options");
        return new DataLoader(reader, config, split, options);
    }

    private void work(BatchAssembler assembler) {
        try {
            long k;
            while ((k = slots.claim()) >= 0) {
                Batch b = assembler.build(k);
                slots.complete(k, b == null ? OrderedSlots.EMPTY : b);
            }
        } catch (InterruptedException e) {
            // close(): leave quietly.
        } catch (Throwable t) {
            if (!closed) {
                slots.fail(t);
            }
        }
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        while (!closed && nextIndex < plan.totalBatches()) {
            Object result;
            try {
                result = slots.take(nextIndex);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LoaderException("interrupted while waiting for batch " + nextIndex + " of " + split.folder(), e);
            } catch (OrderedSlots.WorkerFailure f) {
                throw rethrow(f.getCause());
            }
            if (result == null) {
                return false;
            }
            nextIndex++;
            if (result instanceof Batch b) {
                pending = b;
                return true;
            }
            // EMPTY: every episode of that batch was skipped as too short; go on to the next.
        }
        return false;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "data loader is closed" : "no more batches in " + split.folder());
        }
        Batch b = pending;
        pending = null;
        return b;
    }

    /** The batches as a sequential stream; closing the stream closes the loader. */
    public Stream<Batch> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    /**
     * Hands a consumed batch's pixel arrays back for reuse by later batches. The caller must not
     * touch the batch afterwards: its arrays will be overwritten.
     */
    public void recycle(Batch batch) {
        if (!closed) {
            pool.give(batch.pixels());
            pool.give(batch.raw());
        }
    }

    /** Episodes in one epoch (after leaving out those known to be too short). */
    public int episodes() {
        return plan.episodes();
    }

    public int batchesPerEpoch() {
        return plan.batchesPerEpoch();
    }

    /** Batches this loader produces in all, or -1 when it is endless. */
    public long totalBatches() {
        return plan.totalBatches() == Long.MAX_VALUE ? -1 : plan.totalBatches();
    }

    public LoaderOptions options() {
        return options;
    }

    /** Stops the workers (interrupting reads in progress) and waits for them to end. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pending = null;
        slots.close();
        workers.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        boolean interrupted = false;
        for (Thread t : workers) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                t.join(Math.max(1, left));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (t.isAlive()) {
                LOG.warn("data loader worker {} did not stop within {} ms (a dataset read that ignores interrupts)", t.getName(),
                        JOIN_MILLIS);
            }
        }
        pool.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Name prefix of this loader's worker threads. */
    String threadPrefix() {
        return threadPrefix;
    }

    /** Batches claimed by workers and not yet taken by the consumer. */
    int inFlight() {
        return slots.inFlight();
    }

    private RuntimeException rethrow(Throwable cause) {
        if (cause instanceof BadInputException bad) {
            // Same type, so the CLI still exits 2; the consumer's stack joins the worker's as cause.
            return new BadInputException(bad.getMessage(), bad);
        }
        return new LoaderException("data loader worker failed while reading " + split.folder() + ": " + cause, cause);
    }
}
