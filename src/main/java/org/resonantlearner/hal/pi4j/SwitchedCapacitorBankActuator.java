package org.resonantlearner.hal.pi4j;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.List;
import org.resonantlearner.check.Check;
import org.resonantlearner.hal.TuningActuator;

/**
 * A {@link TuningActuator} whose position is the code of a bank of binary-weighted capacitors, one
 * relay or MOSFET per bit: switch {@code i} adds {@code 2^i · C_unit}.
 *
 * <p>Break-before-make: a move from code {@code a} to {@code b} first opens every switch of
 * {@code a & ~b} (ascending bit order), waits {@code breakNanos}, then closes every switch of
 * {@code b & ~a} and waits {@code settleNanos}. The break wait is skipped when nothing opens or
 * nothing closes. So at no instant is a switch on that is on in neither {@code a} nor {@code b}, and
 * no switch closes while another may still be releasing: two states never overlap. The construction
 * opens every switch (code 0). The Pi4J outputs stay the caller's. Not thread-safe.
 */
public final class SwitchedCapacitorBankActuator implements TuningActuator {
    /** Most switches a bank may have (codes stay within an int). */
    public static final int MAX_SWITCHES = 30;

    private final DigitalOutput[] switches;
    private final CapacitorBankSettings settings;
    private final Delay delay;
    private final DigitalState on;
    private final DigitalState off;
    private final int maxCode;
    private int code;
    private boolean closed;

    /**
     * Creates the actuator and opens every switch.
     *
     * @param switches the switch outputs, least significant capacitor first (1 to 30)
     */
    public SwitchedCapacitorBankActuator(List<DigitalOutput> switches, CapacitorBankSettings settings, Delay delay) {
        Check.present("switches", switches);
        Check.inRange("switchCount", switches.size(), "switches", 1, MAX_SWITCHES);
        this.switches = switches.toArray(new DigitalOutput[0]);
        for (int i = 0; i < this.switches.length; i++) {
            Check.present("switches[" + i + "]", this.switches[i]);
        }
        this.settings = Check.present("settings", settings);
        this.delay = Check.present("delay", delay);
        this.on = settings.switchActiveLow() ? DigitalState.LOW : DigitalState.HIGH;
        this.off = settings.switchActiveLow() ? DigitalState.HIGH : DigitalState.LOW;
        this.maxCode = (1 << this.switches.length) - 1;
        for (DigitalOutput output : this.switches) {
            output.state(off);
        }
    }

    @Override
    public int minPositionSteps() {
        return 0;
    }

    @Override
    public int maxPositionSteps() {
        return maxCode;
    }

    @Override
    public int positionSteps() {
        return code;
    }

    @Override
    public void moveTo(int positionSteps) {
        if (closed) {
            throw new IllegalStateException("the capacitor bank actuator is closed");
        }
        requireInRange(positionSteps);
        int opening = code & ~positionSteps;
        int closing = positionSteps & ~code;
        write(opening, off);
        // The bank's state is now code & positionSteps: a subset of both ends of the move.
        code &= positionSteps;
        if (opening != 0 && closing != 0) {
            delay.delayNanos(settings.breakNanos());
        }
        write(closing, on);
        code = positionSteps;
        if (closing != 0) {
            delay.delayNanos(settings.settleNanos());
        }
    }

    /** With {@code openAllOnClose}, opens every closed switch; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (settings.openAllOnClose()) {
            write(code, off);
            code = 0;
        }
        closed = true;
    }

    /** Writes {@code state} to the switch of every set bit of {@code bits}, lowest bit first. */
    private void write(int bits, DigitalState state) {
        for (int rest = bits; rest != 0; rest &= rest - 1) {
            switches[Integer.numberOfTrailingZeros(rest)].state(state);
        }
    }
}
