package org.resonantlearner.loop;

import org.resonantlearner.hal.Clock;

/** A clock that only moves when told (the sources below move it as they "wait" for samples). */
final class ManualClock implements Clock {
    long nanos;

    /** A clock reading {@code startNanos}: only differences mean anything, so tests start it off zero. */
    ManualClock(long startNanos) {
        nanos = startNanos;
    }

    @Override
    public long nanoTime() {
        return nanos;
    }
}
