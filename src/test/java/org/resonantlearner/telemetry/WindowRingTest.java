package org.resonantlearner.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

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
    void drainedOnlyAfterCloseAndLastRowRead() {
        WindowRing ring = new WindowRing(4);
        ring.publish(row(1));
        ring.close();
        assertFalse(ring.drained());
        assertTrue(ring.poll(new double[WindowRow.COLUMNS]));
        assertTrue(ring.drained());
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
