package org.resonantlearner.hal.pisim;

import java.util.List;
import org.resonantlearner.hal.pi4j.CapacitorBankSettings;

/**
 * A bank of binary-weighted capacitors on relay or MOSFET switches, one Pi output per switch (least
 * significant capacitor first): the closed switches are the bits of the bank's code, and the code is
 * the rig's tuning position ({@code C = C_base + code · C_unit} through the config's tuning map).
 *
 * <p>A switch conducts while its pin is at the active level of the wiring ({@code switchActiveLow}:
 * LOW closes it, as on most relay boards). The code changes, and the tuning with it, at the virtual
 * instant each pin changes, so a driver's break-before-make is visible: while it opens the switches
 * of the old code and waits before closing those of the new, the bank passes through the codes in
 * between (down to {@code old & new}) for that wait. At power-up every switch is open (code 0).
 *
 * <p>Not modelled: the relays' operate and release times and contact bounce (a switch is closed or
 * open at the instant its pin changes, so a {@code breakNanos} shorter than a real relay's release
 * is not caught here), the capacitors' tolerances and the switches' own capacitance and resistance.
 */
final class CapacitorBankChip implements PinWatcher {
    private final SimulatedPi bench;
    private final List<Integer> switchPins;
    private final boolean activeLow;
    private int code;
    // Read by the bench's counters without a lock.
    private volatile long switchChanges;

    CapacitorBankChip(SimulatedPi bench, List<Integer> switchPins, CapacitorBankSettings settings) {
        this.bench = bench;
        this.switchPins = List.copyOf(switchPins);
        this.activeLow = settings.switchActiveLow();
        bench.tuneAt(0L, code);
    }

    /** Switches that opened or closed. */
    long switchChanges() {
        return switchChanges;
    }

    @Override
    public synchronized void pinDriven(long nanos, int bcmPin, boolean high) {
        int bit = 1 << switchPins.indexOf(bcmPin);
        int next = high != activeLow ? code | bit : code & ~bit;
        if (next != code) {
            code = next;
            switchChanges++;
            bench.tuneAt(nanos, code);
        }
    }
}
