package org.resonantlearner.telemetry;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Single-producer, single-consumer ring of window rows: the control thread publishes one row per
 * measurement window without allocating; a telemetry thread drains rows to files and screens.
 *
 * <p>Rows are {@link WindowRow#COLUMNS} doubles in one preallocated array. When the ring is full the
 * producer waits for the consumer (counted in {@link #producerWaits()}): a record never silently
 * drops rows, and in virtual time the simulation simply runs at the speed the writer keeps up with.
 */
public final class WindowRing {
    private final int capacityRows;
    private final double[] cells;
    private final AtomicLong publishedRows = new AtomicLong();
    private final AtomicLong consumedRows = new AtomicLong();
    private volatile boolean closed;
    private long producerWaits;

    /** Creates a ring holding {@code capacityRows} rows (a power of two is not required). */
    public WindowRing(int capacityRows) {
        if (capacityRows < 2) {
            throw new IllegalArgumentException("capacityRows = " + capacityRows + " must be >= 2");
        }
        this.capacityRows = capacityRows;
        this.cells = new double[capacityRows * WindowRow.COLUMNS];
    }

    /**
     * Producer side: copies one row ({@link WindowRow#COLUMNS} values from {@code row}) into the
     * ring, waiting while the ring is full.
     */
    public void publish(double[] row) {
        long next = publishedRows.get();
        while (next - consumedRows.get() >= capacityRows) {
            producerWaits++;
            LockSupport.parkNanos(50_000L);
        }
        int base = (int) (next % capacityRows) * WindowRow.COLUMNS;
        System.arraycopy(row, 0, cells, base, WindowRow.COLUMNS);
        publishedRows.lazySet(next + 1);
    }

    /**
     * Consumer side: copies the oldest unread row into {@code row}.
     *
     * @return false when no row is waiting
     */
    public boolean poll(double[] row) {
        long next = consumedRows.get();
        if (next >= publishedRows.get()) {
            return false;
        }
        int base = (int) (next % capacityRows) * WindowRow.COLUMNS;
        System.arraycopy(cells, base, row, 0, WindowRow.COLUMNS);
        consumedRows.lazySet(next + 1);
        return true;
    }

    /** Producer side: no more rows will come. */
    public void close() {
        closed = true;
    }

    /** True once the producer closed the ring and every row has been read. */
    public boolean drained() {
        return closed && consumedRows.get() >= publishedRows.get();
    }

    /** How often the producer had to wait for the consumer. Read from the producer thread. */
    public long producerWaits() {
        return producerWaits;
    }

    /** Rows published so far. */
    public long publishedRows() {
        return publishedRows.get();
    }
}
