package org.resonantlearner.telemetry;

/**
 * Column layout of one measurement-window row in the telemetry ring and in {@code power.csv}.
 * Names carry their units; columns that only a simulated rig can fill are NaN on hardware and left
 * out of the CSV there.
 */
public final class WindowRow {
    private WindowRow() {}

    /** Window end, seconds since the run started. */
    public static final int TIME_SECONDS = 0;
    /** Drive frequency estimated from the samples (Hz). */
    public static final int DRIVE_FREQUENCY_HZ = 1;
    /** Actuator position during the window (steps). */
    public static final int POSITION_STEPS = 2;
    /** Tuned parameter at that position, in the rig's unit (F, N/m or kg). */
    public static final int TUNED_VALUE = 3;
    /** Load power measured from the samples (W). */
    public static final int LOAD_POWER_WATTS = 4;
    /** Cumulative harvested energy (J): physics truth on the simulated rig, measured on hardware. */
    public static final int HARVESTED_ENERGY_JOULES = 5;
    /** Cumulative energy spent on tuning moves (J). */
    public static final int TUNING_ENERGY_JOULES = 6;
    /** Actuator moves so far. */
    public static final int ACTUATOR_MOVES = 7;
    /** Oracle (best reachable tuning) power over the window (W); simulated rig only. */
    public static final int ORACLE_POWER_WATTS = 8;
    /** True load power over the window from the physics (W); simulated rig only. */
    public static final int TRUE_LOAD_POWER_WATTS = 9;
    /** True drive frequency at the window end (Hz); simulated rig only. */
    public static final int TRUE_DRIVE_FREQUENCY_HZ = 10;
    /** Cumulative oracle energy (J); simulated rig only. */
    public static final int ORACLE_ENERGY_JOULES = 11;

    /** Cumulative energy the meter measured from the samples (J). */
    public static final int MEASURED_ENERGY_JOULES = 12;
    /** Cumulative actuator travel (steps). */
    public static final int TRAVEL_STEPS = 13;
    /** Commands the safety limits rejected, clamped or slowed so far. */
    public static final int SAFETY_INTERVENTIONS = 14;

    /**
     * The power lock is judged against over the window (W): the oracle power on the simulated rig, on
     * hardware a reference hardware can know (see {@code app.LockReference}); NaN when the window is
     * not judged.
     */
    public static final int LOCK_REFERENCE_WATTS = 15;
    /** Samples of the stream missing between the previous window and this one (dropped frames, outages). */
    public static final int SAMPLES_LOST_BEFORE = 16;
    /**
     * Wall clock when the window reached the recorder's side (Unix time, ms since 1970-01-01 UTC),
     * stamped once per window on the control thread.
     */
    public static final int WALL_CLOCK_MILLIS = 17;

    /** Number of columns. */
    public static final int COLUMNS = 18;
}
