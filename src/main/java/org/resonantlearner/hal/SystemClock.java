package org.resonantlearner.hal;

/** The system's monotonic clock, for hardware runs. */
public final class SystemClock implements Clock {
    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
