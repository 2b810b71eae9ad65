package org.resonantlearner.hal.pi4j;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.resonantlearner.check.Check;

/**
 * A {@link ReadySignal} counting the active-low pulses of a converter's ready pin through a Pi4J
 * {@link DigitalInput} listener.
 *
 * <p>The ADS1115 pulses ALERT/RDY low for about 8 µs per conversion and the pin is open-drain: open
 * the input (gpiod) with a pull-up and debounce 0, or Pi4J's default debounce swallows the pulses.
 * Each transition to LOW counts one pulse. The listener is added here and removed by
 * {@link #close}; the input itself stays the caller's.
 */
public final class DigitalInputReadySignal implements ReadySignal, AutoCloseable {
    private final DigitalInput pin;
    private final Semaphore pulses = new Semaphore(0);
    private final DigitalStateChangeListener listener;

    /** Starts counting the LOW transitions of {@code pin}. */
    public DigitalInputReadySignal(DigitalInput pin) {
        this.pin = Check.present("readyPin", pin);
        this.listener = event -> {
            if (event.state() == DigitalState.LOW) {
                pulses.release();
            }
        };
        pin.addListener(listener);
    }

    @Override
    public void discardPending() {
        pulses.drainPermits();
    }

    @Override
    public int awaitReady(long timeoutNanos) {
        try {
            if (!pulses.tryAcquire(Math.max(0L, timeoutNanos), TimeUnit.NANOSECONDS)) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
        return 1 + pulses.drainPermits();
    }

    /** Removes the listener from the input; the input stays open. */
    @Override
    public void close() {
        pin.removeListener(listener);
    }
}
