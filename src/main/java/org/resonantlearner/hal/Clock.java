package org.resonantlearner.hal;

/** Port: the time source of the service loop; virtual in simulation, the system's otherwise. */
public interface Clock {

    /** Monotonic time in nanoseconds; only differences mean anything. */
    long nanoTime();
}
