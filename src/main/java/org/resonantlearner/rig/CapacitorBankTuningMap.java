package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * Binary-weighted switched capacitor bank: bit i of the bank code switches in 2^i unit capacitors
 * in parallel with a base capacitor, so C = C_base + Σ b_i·C_unit·2^i = C_base + code·C_unit.
 *
 * <p>A bank only has whole codes: the position is rounded to the nearest code (halves up) and
 * clamped to [0, 2^bits − 1].
 *
 * @param baseCapacitanceFarads capacitance with every switch open (F), &gt; 0 (an empty bank would
 *     leave the series loop open, which no rig model can represent)
 * @param unitCapacitanceFarads capacitance of the least significant bit (F), &gt; 0
 * @param bits number of switched capacitors, in [1, 30]
 */
public record CapacitorBankTuningMap(double baseCapacitanceFarads, double unitCapacitanceFarads, int bits)
        implements TuningMap {

    /** Validates every component. */
    public CapacitorBankTuningMap {
        Check.positive("baseCapacitanceFarads", baseCapacitanceFarads, "F");
        Check.positive("unitCapacitanceFarads", unitCapacitanceFarads, "F");
        Check.inRange("bits", bits, "bits", 1, 30);
    }

    /** Returns "capacitor-bank". */
    @Override
    public String kind() {
        return "capacitor-bank";
    }

    /** Highest bank code, 2^bits − 1 (every switch closed). */
    public int maxCode() {
        return (1 << bits) - 1;
    }

    /** The bank code the relays are set to for {@code positionSteps}: rounded, then clamped. */
    public int code(double positionSteps) {
        // Clamp as a double before the cast so huge positions cannot wrap; NaN casts to code 0 (JLS 5.1.3).
        return (int) Math.min(Math.max(Math.floor(positionSteps + 0.5), 0.0), maxCode());
    }

    /** C_base + code·C_unit (F). */
    @Override
    public double valueAt(double positionSteps) {
        return baseCapacitanceFarads + code(positionSteps) * unitCapacitanceFarads;
    }
}
