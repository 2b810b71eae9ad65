package org.resonantlearner.hal.pi4j;

import org.resonantlearner.check.Check;

/**
 * Settings of a relay/MOSFET bank switching binary-weighted capacitors.
 *
 * @param switchActiveLow true when a switch conducts with its output LOW (most relay boards)
 * @param breakNanos wait after opening switches before closing others (ns), at least the slowest
 *     switch's release time plus bounce, in [0, 1 s]
 * @param settleNanos wait after closing switches before the move returns (ns; relay operate time
 *     plus bounce), in [0, 1 s]
 * @param openAllOnClose true opens every switch on close (de-energised); false leaves the bank as is
 */
public record CapacitorBankSettings(boolean switchActiveLow, long breakNanos, long settleNanos,
        boolean openAllOnClose) {

    /** Validates every field. */
    public CapacitorBankSettings {
        Check.inRange("breakNanos", breakNanos, "ns", 0L, 1_000_000_000L);
        Check.inRange("settleNanos", settleNanos, "ns", 0L, 1_000_000_000L);
    }
}
