package org.resonantlearner.control;

import org.resonantlearner.harvest.PowerWindow;

/**
 * A tuning strategy. It sees only what real hardware gives it: the measured power windows, the
 * actuator's position and range, its own commands and the time — never simulator internals.
 *
 * <p>The loop calls {@link #start} once, then {@link #decide} after every completed measurement
 * window. Implementations must not allocate in {@code decide} (it runs on the control thread's hot
 * path) and must draw randomness only from the seeded generator they were built with.
 */
public interface Tuner {

    /** The command-line name of this tuner ("noise-brake", "fixed", ...). */
    String name();

    /**
     * Prepares a run.
     *
     * @param minPositionSteps lowest reachable actuator position
     * @param maxPositionSteps highest reachable actuator position
     * @param initialPositionSteps where the actuator is now
     * @param startTimeSeconds stream time at the start
     */
    void start(int minPositionSteps, int maxPositionSteps, int initialPositionSteps, double startTimeSeconds);

    /**
     * Chooses the actuator position after a completed window.
     *
     * @param window the window just measured; {@code window.positionSteps} is where the actuator is
     * @return the requested position in steps (may be fractional; the safety limits round and clamp
     *     it); returning the current position, or NaN, means "hold"
     */
    double decide(PowerWindow window);

}
