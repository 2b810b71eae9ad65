package org.resonantlearner.hal.pisim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Pi input pin as an emulated chip drives it (a switch, an open-drain ready line with its
 * pull-up). The Pi side reads {@link #high()} and hears every change.
 */
final class InputLine {
    private final List<Consumer<Boolean>> listeners = new ArrayList<>();
    private volatile boolean high;

    /** A line resting at {@code high} (a pull-up: true). */
    InputLine(boolean high) {
        this.high = high;
    }

    /** The level now. */
    boolean high() {
        return high;
    }

    /** Drives the line; listeners hear a change of level, never a repeat. */
    void drive(boolean level) {
        List<Consumer<Boolean>> heard;
        synchronized (this) {
            if (level == high) {
                return;
            }
            high = level;
            heard = List.copyOf(listeners);
        }
        for (Consumer<Boolean> listener : heard) {
            listener.accept(level);
        }
    }

    /** Adds a listener of level changes. */
    synchronized void listen(Consumer<Boolean> listener) {
        listeners.add(listener);
    }
}
