package org.resonantlearner.hal.pisim;

/** An emulated chip's input wired to a Pi output pin: sees every level the Pi drives. */
interface PinWatcher {
    /** BCM pin {@code bcmPin} was driven {@code high} (or low) at virtual time {@code nanos}. */
    void pinDriven(long nanos, int bcmPin, boolean high);
}
