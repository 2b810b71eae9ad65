package org.resonantlearner.hal.pi4j;

import org.resonantlearner.hal.Clock;

/**
 * The clock, sample timer and delay of one set of Pi adapters, as one object: the drivers of a run
 * share one time base. {@link SystemTimer} on a Pi; a virtual one behind simulated hardware.
 */
public interface PiTimer extends Clock, SampleTimer, Delay {
}
