package org.resonantlearner.hal.pi4j;

import java.util.ArrayList;
import java.util.List;
import org.resonantlearner.hal.Clock;

/**
 * Virtual clock, sample timer and delay for the adapter tests: nothing waits, every deadline and
 * every delay is recorded, and time moves only when something waits (plus {@link #busNanos} per
 * {@link #nanoTime} read after a wait, to model bus time).
 */
class FakeTimer implements Clock, SampleTimer, Delay {
    final List<Long> deadlinesNanos = new ArrayList<>();
    final List<Long> delaysNanos = new ArrayList<>();
    /** Optional shared event log; delays append "wait &lt;ns&gt;". */
    final List<String> log;
    long nowNanos;

    FakeTimer(long startNanos) {
        this(startNanos, null);
    }

    FakeTimer(long startNanos, List<String> log) {
        this.nowNanos = startNanos;
        this.log = log;
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public void awaitNanos(long deadlineNanos) {
        deadlinesNanos.add(deadlineNanos);
        nowNanos = Math.max(nowNanos, deadlineNanos);
    }

    @Override
    public void delayNanos(long durationNanos) {
        delaysNanos.add(durationNanos);
        if (log != null) {
            log.add("wait " + durationNanos);
        }
        nowNanos += Math.max(0L, durationNanos);
    }
}
