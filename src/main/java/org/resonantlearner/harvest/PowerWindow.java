package org.resonantlearner.harvest;

/**
 * One completed measurement window: load power averaged over whole drive periods, measured from
 * samples alone. A mutable snapshot that the power meter refills for every window (the loop must
 * not allocate); copy the fields out if you need them after the next window.
 */
public final class PowerWindow {
    /** Time of the window's first sample boundary, seconds since the stream started. */
    public double startTimeSeconds;
    /** Time of the window's last sample boundary, seconds since the stream started. */
    public double endTimeSeconds;
    /** Mean power into the load resistor over the window (W). */
    public double loadPowerWatts;
    /** Drive frequency estimated from the signal's zero crossings (Hz); NaN when no periods were found. */
    public double driveFrequencyHz;
    /** Whole drive periods the window spans; 0 when it was closed by its time limit instead. */
    public int periods;
    /** Actuator position (steps) when the window closed; filled by the loop. */
    public int positionSteps;
    /** Samples of the stream missing between the previous window's end and this window's start (0 on a clean link); filled by the loop. */
    public long samplesLostBefore;
    /** Stream time (s) from which the current actuator position was in effect; filled by the loop. */
    public double tuningSinceSeconds;

    /** Window length in seconds. */
    public double durationSeconds() {
        return endTimeSeconds - startTimeSeconds;
    }

    /** Copies every field from {@code other}. */
    public void copyFrom(PowerWindow other) {
        startTimeSeconds = other.startTimeSeconds;
        endTimeSeconds = other.endTimeSeconds;
        loadPowerWatts = other.loadPowerWatts;
        driveFrequencyHz = other.driveFrequencyHz;
        periods = other.periods;
        positionSteps = other.positionSteps;
    }
}
