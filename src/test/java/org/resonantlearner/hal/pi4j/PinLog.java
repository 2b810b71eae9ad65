package org.resonantlearner.hal.pi4j;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.ArrayList;
import java.util.List;

/**
 * One time-ordered log of pin writes and waits: Mockito {@link DigitalOutput}s whose
 * {@code state(...)} appends {@code "STEP=H"} / {@code "STEP=L"}, and a {@link FakeTimer} whose
 * delays append {@code "wait <ns>"}. Expected sequences then read like a timing diagram.
 */
final class PinLog {
    final List<String> events = new ArrayList<>();
    final FakeTimer timer = new FakeTimer(0L, events);

    DigitalOutput output(String name) {
        DigitalOutput pin = mock(DigitalOutput.class, name);
        doAnswer(call -> {
            DigitalState state = call.getArgument(0);
            events.add(name + "=" + (state == DigitalState.HIGH ? "H" : state == DigitalState.LOW ? "L" : "?"));
            return pin;
        }).when(pin).state(any(DigitalState.class));
        return pin;
    }

    /** The events from {@code from} on, then clears the log. */
    List<String> drain() {
        List<String> copy = List.copyOf(events);
        events.clear();
        return copy;
    }
}
