package org.resonantlearner.hal.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import org.junit.jupiter.api.Test;

/** The ready pin counts falling edges only: the ALERT/RDY pulse is active low, its release is no conversion. */
class ReadySignalEdgesTest {
    @Test
    void aRisingEdgeIsNoPulse() {
        Context pi4j = Pi4J.newContextBuilder().add(MockDigitalInputProvider.newInstance()).build();
        try {
            MockDigitalInput pin = (MockDigitalInput) pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("rdy")
                    .address(27).debounce(0L).provider(MockDigitalInputProvider.class));
            pin.mockState(DigitalState.LOW);
            DigitalInputReadySignal ready = new DigitalInputReadySignal(pin);
            pin.mockState(DigitalState.HIGH);
            assertEquals(0, ready.awaitReady(0L), "released, not pulsed");
            pin.mockState(DigitalState.LOW);
            assertEquals(1, ready.awaitReady(0L));
            ready.close();
        } finally {
            pi4j.shutdown();
        }
    }
}
