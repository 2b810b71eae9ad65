package org.resonantlearner.loop;

import org.resonantlearner.harvest.PowerWindow;

/** Receives every completed measurement window on the control thread; must not allocate or block long. */
public interface WindowListener {

    /**
     * Called after the window was measured and the tuner decided, before the next samples are read.
     *
     * @param window the window (reused by the meter: copy what you keep)
     * @param windowEndSampleIndex samples consumed when the window completed: the index of the first sample
     *     the meter had not yet seen, which lies its look-ahead past the window's end
     * @param loop the loop, for its ledger and counters
     */
    void onWindow(PowerWindow window, long windowEndSampleIndex, ServiceLoop loop);
}
