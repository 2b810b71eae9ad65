package org.resonantlearner.hal.pisim;

/** What a hardware PWM channel drives: sees the output each time the Pi changes it. */
interface PwmChip {
    /**
     * The channel's output from {@code nanos} on: off, or on at {@code frequencyHz} with
     * {@code dutyCyclePercent} (0..100) of each period high.
     */
    void output(long nanos, boolean on, int frequencyHz, double dutyCyclePercent);
}
