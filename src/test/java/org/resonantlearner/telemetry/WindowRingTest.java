package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WindowRingTest {

    private static double[] row(double time) {
        double[] row = new double[WindowRow.COLUMNS];
        row[WindowRow.TIME_SECONDS] = time;
        row[WindowRow.LOAD_POWER_WATTS] = time * 2;
        return row;
    }

    @Test
    void rowsComeOutInOrderAcrossWrapAround() {
        WindowRing ring = new WindowRing(3);
        double[] out = new double[WindowRow.COLUMNS];
        for (int i = 0; i < 10; i++) {
            ring.publish(row(i));
            assertTrue(ring.poll(out));
            assertEquals(i, out[WindowRow.TIME_SECONDS]);
            assertEquals(2.0 * i, out[WindowRow.LOAD_POWER_WATTS]);
        }
        assertFalse(ring.poll(out));
    }

    @Test
    void aFullRingKeepsItsRowsInOrderUntilTheyAreRead() {
        WindowRing ring = new WindowRing(3);
        double[] out = new double[WindowRow.COLUMNS];
        ring.publish(row(0));
        assertTrue(ring.poll(out));
        for (int i = 1; i <= 3; i++) { // fills the ring across its end
            ring.publish(row(i));
        }
        assertEquals(4, ring.publishedRows());
        for (int i = 1; i <= 3; i++) {
            assertTrue(ring.poll(out));
            assertEquals(i, out[WindowRow.TIME_SECONDS]);
        }
        assertFalse(ring.poll(out));
        assertEquals(0, ring.producerWaits(), "never full when a row was published");
    }

    @Test
    void aRingOfFewerThanTwoRowsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WindowRing(1));
        assertTrue(e.getMessage().contains("capacityRows = 1"), e.getMessage());
        assertEquals(0, new WindowRing(2).publishedRows(), "two rows is the smallest ring");
    }

    @Test
    void drainedOnlyAfterCloseAndLastRowRead() {
        WindowRing ring = new WindowRing(4);
        ring.publish(row(1));
        ring.close();
        assertFalse(ring.drained());
        assertTrue(ring.poll(new double[WindowRow.COLUMNS]));
        assertTrue(ring.drained());
    }

    /**
     * The consumer reads only once the producer is parked inside {@code publish} on the full ring, so
     * the wait is certain without any sleep. (The timeout only guards against a ring that never parks.)
     */
    @Test
    @Timeout(60)
    void aProducerThatFindsTheRingFullWaitsAndCountsIt() throws InterruptedException {
        WindowRing ring = new WindowRing(2);
        ring.publish(row(1));
        ring.publish(row(2));
        Thread producer = Thread.currentThread();
        double[] firstRead = new double[WindowRow.COLUMNS];
        Thread consumer = new Thread(() -> {
            while (producer.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            ring.poll(firstRead);
        });
        consumer.start();
        ring.publish(row(3));
        consumer.join();
        assertTrue(ring.producerWaits() >= 1, "waits: " + ring.producerWaits());
        assertEquals(1.0, firstRead[WindowRow.TIME_SECONDS]);
        double[] out = new double[WindowRow.COLUMNS];
        assertTrue(ring.poll(out));
        assertEquals(2.0, out[WindowRow.TIME_SECONDS]);
        assertTrue(ring.poll(out));
        assertEquals(3.0, out[WindowRow.TIME_SECONDS]);
    }

    @Test
    void fullRingMakesTheProducerWaitInsteadOfDroppingRows() throws InterruptedException {
        WindowRing ring = new WindowRing(2);
        int rows = 2000;
        long[] received = new long[1];
        double[] sumOfTimes = new double[1];
        Thread consumer = new Thread(() -> {
            double[] out = new double[WindowRow.COLUMNS];
            while (!ring.drained()) {
                if (ring.poll(out)) {
                    received[0]++;
                    sumOfTimes[0] += out[WindowRow.TIME_SECONDS];
                } else {
                    Thread.onSpinWait();
                }
            }
        });
        consumer.start();
        for (int i = 0; i < rows; i++) {
            ring.publish(row(i));
        }
        ring.close();
        consumer.join();
        assertEquals(rows, received[0]);
        assertEquals(rows * (rows - 1) / 2.0, sumOfTimes[0]);
    }
}
