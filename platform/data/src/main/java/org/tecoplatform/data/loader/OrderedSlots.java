package org.tecoplatform.data.loader;

import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands batch numbers to workers and their results back to the consumer in number order.
 *
 * <p>A worker takes a permit before it claims a number, and the consumer returns it when it
 * takes that batch: at most {@code capacity} batches exist at once (being built or waiting),
 * which is the back-pressure. Claimed numbers are contiguous from the consumer's position, so
 * they fit a ring of {@code capacity} slots without collisions.
 */
final class OrderedSlots {

    /** Stands in a slot for a batch whose episodes were all skipped. */
    static final Object EMPTY = new Object();

    private final int capacity;
    private final long total;
    private final Object[] ring;
    private final Semaphore permits;
    private final AtomicLong nextClaim = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition filled = lock.newCondition();
    private Throwable failure;
    private boolean closed;

    OrderedSlots(int capacity, long total) {
        this.capacity = capacity;
        this.total = total;
        this.ring = new Object[capacity];
        this.permits = new Semaphore(capacity);
    }

    /** The next batch number for a worker, waiting for room; -1 when there is no more work. */
    long claim() throws InterruptedException {
        permits.acquire();
        if (stopped()) {
            permits.release();
            return -1;
        }
        long k = nextClaim.getAndIncrement();
        if (k >= total) {
            // Keep the counter from wrapping when idle workers keep asking.
            nextClaim.set(total);
            permits.release();
            return -1;
        }
        return k;
    }

    /** Stores the result for batch {@code k} (a {@link Batch} or {@link #EMPTY}). */
    void complete(long k, Object result) {
        lock.lock();
        try {
            if (!closed) {
                ring[(int) (k % capacity)] = result;
                filled.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records a worker's failure; the first one is what the consumer sees. */
    void fail(Throwable t) {
        lock.lock();
        try {
            if (failure == null) {
                failure = t;
            }
            filled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for batch {@code k} and frees its slot. Throws {@link WorkerFailure} once any worker
     * has failed, and returns {@code null} when closed.
     */
    Object take(long k) throws InterruptedException, WorkerFailure {
        int slot = (int) (k % capacity);
        lock.lock();
        try {
            while (failure == null && !closed && ring[slot] == null) {
                filled.await();
            }
            if (failure != null) {
                throw new WorkerFailure(failure);
            }
            if (closed) {
                return null;
            }
            Object result = ring[slot];
            ring[slot] = null;
            permits.release();
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Batches claimed and not yet taken (being built or waiting), for tests and diagnostics. */
    int inFlight() {
        return capacity - permits.availablePermits();
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            Arrays.fill(ring, null);
            filled.signalAll();
        } finally {
            lock.unlock();
        }
        // Wakes workers blocked on a permit; they see closed and leave.
        permits.release(capacity);
    }

    boolean stopped() {
        lock.lock();
        try {
            return closed || failure != null;
        } finally {
            lock.unlock();
        }
    }

    /** A worker's failure on its way to the consumer; {@link #getCause()} is the original. */
    static final class WorkerFailure extends Exception {
        private static final long serialVersionUID = 1L;

        WorkerFailure(Throwable cause) {
            super(cause);
        }
    }
}
