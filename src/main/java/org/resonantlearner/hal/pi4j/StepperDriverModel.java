package org.resonantlearner.hal.pi4j;

/**
 * STEP/DIR stepper driver ICs and the interface timing of their datasheets.
 *
 * <p>Sources: Allegro A4988 datasheet (logic interface timing: STEP high ≥ 1 µs, STEP low ≥ 1 µs,
 * MSx/DIR setup to STEP rising ≥ 200 ns, hold ≥ 200 ns; 1 ms after leaving sleep) and TI DRV8825
 * datasheet (SLVSA73, timing requirements: STEP high ≥ 1.9 µs, STEP low ≥ 1.9 µs, DIR/MODEx setup
 * ≥ 650 ns, hold ≥ 650 ns; wake 1.7 ms after nSLEEP). Neither figure for ENABLE to the first STEP
 * could be confirmed, so {@link #defaultEnableSettleNanos()} is this adapter's conservative choice
 * (1 µs), not a datasheet value. The SLEEP/RESET pins are assumed tied high on the carrier board.
 *
 * <p>Microstep selection pins, first pin = bit 0 of {@link #modePinLevels}: A4988 MS1 MS2 MS3
 * (full LLL, 1/2 HLL, 1/4 LHL, 1/8 HHL, 1/16 HHH); DRV8825 MODE0 MODE1 MODE2 (full 000, 1/2 100,
 * 1/4 010, 1/8 110, 1/16 001, 1/32 101).
 */
public enum StepperDriverModel {
    /** Allegro A4988: full to 1/16 steps. */
    A4988(1_000L, 1_000L, 200L, 200L, new int[] {1, 2, 4, 8, 16}, new int[] {0b000, 0b001, 0b010, 0b011, 0b111}),
    /** TI DRV8825: full to 1/32 steps. */
    DRV8825(1_900L, 1_900L, 650L, 650L, new int[] {1, 2, 4, 8, 16, 32},
            new int[] {0b000, 0b001, 0b010, 0b011, 0b100, 0b101});

    /** Number of microstep selection pins both drivers have. */
    public static final int MODE_PIN_COUNT = 3;

    private final long stepHighMinNanos;
    private final long stepLowMinNanos;
    private final long dirSetupMinNanos;
    private final long dirHoldMinNanos;
    private final int[] microsteps;
    private final int[] modeLevels;

    StepperDriverModel(long stepHighMinNanos, long stepLowMinNanos, long dirSetupMinNanos, long dirHoldMinNanos,
            int[] microsteps, int[] modeLevels) {
        this.stepHighMinNanos = stepHighMinNanos;
        this.stepLowMinNanos = stepLowMinNanos;
        this.dirSetupMinNanos = dirSetupMinNanos;
        this.dirHoldMinNanos = dirHoldMinNanos;
        this.microsteps = microsteps;
        this.modeLevels = modeLevels;
    }

    /** Minimum STEP high time (ns). */
    public long stepHighMinNanos() {
        return stepHighMinNanos;
    }

    /** Minimum STEP low time (ns). */
    public long stepLowMinNanos() {
        return stepLowMinNanos;
    }

    /** Minimum DIR (and mode pin) setup time before a STEP rising edge (ns). */
    public long dirSetupMinNanos() {
        return dirSetupMinNanos;
    }

    /** Minimum DIR hold time after a STEP rising edge (ns). */
    public long dirHoldMinNanos() {
        return dirHoldMinNanos;
    }

    /** This adapter's default wait from asserting ENABLE to the first STEP (ns); see the class note. */
    public long defaultEnableSettleNanos() {
        return 1_000L;
    }

    /** Highest step rate the STEP minimums allow (steps/s). */
    public double maxStepRateStepsPerSecond() {
        return 1e9 / (stepHighMinNanos + stepLowMinNanos);
    }

    /** Whether the driver supports {@code microsteps} microsteps per full step. */
    public boolean supportsMicrosteps(int microsteps) {
        return indexOf(this.microsteps, microsteps) >= 0;
    }

    /** The microstep settings the driver supports, as text for error messages. */
    public String microstepChoices() {
        return java.util.Arrays.toString(microsteps);
    }

    /**
     * The levels of the three mode pins for {@code microsteps}, bit i = pin i (1 = HIGH).
     *
     * @throws IllegalArgumentException when the driver does not support {@code microsteps}
     */
    public int modePinLevels(int microsteps) {
        int index = indexOf(this.microsteps, microsteps);
        if (index < 0) {
            throw new IllegalArgumentException(this + " does not support " + microsteps + " microsteps");
        }
        return modeLevels[index];
    }

    /**
     * The microstep setting the three mode pins select at levels {@code levels} (bit i = pin i, 1 =
     * HIGH), or 0 for a combination the datasheet does not list.
     */
    public int microstepsForPinLevels(int levels) {
        int index = indexOf(modeLevels, levels);
        return index < 0 ? 0 : microsteps[index];
    }

    /** Index of {@code value} in {@code table} (the microstep settings or their pin levels), or −1. */
    private static int indexOf(int[] table, int value) {
        for (int i = 0; i < table.length; i++) {
            if (table[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
